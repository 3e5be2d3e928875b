using System.Globalization;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>
/// The state file that keeps the highest master epoch across restarts: one line <c>epoch N</c>, written to a
/// temporary file and renamed over the old one, so a crash leaves either the old or the new number.
/// </summary>
internal static class EpochFile
{
    /// <summary>The stored epoch; 0 when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">When the file exists but does not hold <c>epoch N</c>.</exception>
    public static long Read(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path).Trim();
        var parts = text.Split(' ', 2);
        if (parts.Length != 2 || parts[0] != "epoch" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            throw new InvalidDataException($"{path}: expected 'epoch N' with N a non-negative integer, got '{text}'");
        }

        return epoch;
    }

    /// <summary>Stores <paramref name="epoch"/>.</summary>
    public static void Write(string path, long epoch)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}\n"));
        File.Move(temporary, path, overwrite: true);
    }
}
