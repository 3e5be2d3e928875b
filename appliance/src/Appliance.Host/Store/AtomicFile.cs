using System.Text;

namespace Appliance.Host.Store;

/// <summary>Replaces a file's content so that readers see the old or the new text, never a part (temp file + rename).</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>. A symbolic link is followed and its target
    /// replaced (the link stays); the file keeps its permission bits.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        var file = new FileInfo(path);
        // LinkTarget first: resolving a path that does not exist yet (a new file) throws.
        var target = file.LinkTarget is null ? file.FullName : file.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        // In the same directory: rename(2) is atomic only within one file system.
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
