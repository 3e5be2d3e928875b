namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// scripts/demo, lab/ and the appliance's build output copied to a world-readable temporary folder in the checkout's
/// layout, so that user nobody (setpriv) can run them wherever the checkout lives (CI clones under /root).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class UnprivilegedCopy : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"appliance-demo-copy-{Guid.NewGuid():N}");

    public UnprivilegedCopy()
    {
        var source = ApplianceBuild.RepositoryRoot;
        Copy(Path.Combine(source, "scripts", "demo"), Path.Combine(_root, "scripts", "demo"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, "lab"), "*", SearchOption.AllDirectories))
        {
            Copy(file, Path.Combine(_root, Path.GetRelativePath(source, file)));
        }

        var dll = ApplianceBuild.Command[^1];
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(dll)!, "*", SearchOption.AllDirectories))
        {
            Copy(file, Path.Combine(_root, "bin", Path.GetRelativePath(Path.GetDirectoryName(dll)!, file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories).Append(_root))
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }
    }

    public string Script => Path.Combine(_root, "scripts", "demo");

    /// <summary>The copied appliance as a command line (the dotnet host and appliance.dll).</summary>
    public IReadOnlyList<string> Appliance => [ApplianceBuild.Command[0], Path.Combine(_root, "bin", "appliance.dll")];

    /// <summary>Runs <paramref name="command"/> as user and group nobody (65534), without supplementary groups.</summary>
    public (int ExitCode, string Output, string Errors) RunAsNobody(IReadOnlyList<string> command) =>
        Commands.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", .. command], TimeSpan.FromMinutes(2));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
        File.SetUnixFileMode(to, File.GetUnixFileMode(from) | UnixFileMode.OtherRead | UnixFileMode.GroupRead);
    }
}
