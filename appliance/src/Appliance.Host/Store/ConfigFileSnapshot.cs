using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Store;

/// <summary>
/// Reads a configuration file once and loads that text, so the text recorded in the store is exactly the text that was
/// validated and applied even when the file changes a moment later.
/// </summary>
internal static class ConfigFileSnapshot
{
    /// <summary>The file's text (empty when unreadable) and the load result of that text (with the loader's diagnostic when unreadable).</summary>
    public static (string Text, ConfigLoadResult Result) Load(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            return (text, ConfigLoader.LoadText(text, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The loader words the "cannot read" diagnostic; let it read (and fail) once more rather than copy its text.
            return (string.Empty, ConfigLoader.LoadFile(path));
        }
    }
}
