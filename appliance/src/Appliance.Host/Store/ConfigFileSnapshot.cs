using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Store;

/// <summary>
/// Reads a configuration file once and loads that text, so the text recorded in the store is exactly the text that was
/// validated and applied even when the file changes a moment later.
/// </summary>
internal static class ConfigFileSnapshot
{
    /// <summary>The file's text (empty when unreadable) and the load result of that text (with the loader's diagnostic when unreadable).</summary>
    /// <param name="path">The file.</param>
    /// <param name="environment">Looks up the environment variables the file uses; default the process environment.</param>
    public static (string Text, ConfigLoadResult Result) Load(string path, Func<string, string?>? environment = null)
    {
        try
        {
            var text = File.ReadAllText(path);
            return (text, ConfigLoader.LoadText(text, path, environment: environment));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The loader words the "cannot read" diagnostic; let it read (and fail) once more rather than copy its text.
            return (string.Empty, ConfigLoader.LoadFile(path, environment: environment));
        }
    }
}
