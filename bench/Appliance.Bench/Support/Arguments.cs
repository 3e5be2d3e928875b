using System.Globalization;

namespace Appliance.Bench.Support;

/// <summary>The <c>--name value</c> pairs after the command; a missing required option throws <see cref="ArgumentException"/>.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> words)
    {
        using var e = words.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new ArgumentException($"expected --option, got '{name}'");
            }

            if (!e.MoveNext())
            {
                throw new ArgumentException($"{name} needs a value");
            }

            _values[name[2..]] = e.Current;
        }
    }

    public string Text(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");

    public int Number(string name, int? fallback = null)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return fallback ?? throw new ArgumentException($"--{name} is required");
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"--{name} expects a positive whole number, got '{value}'");
    }
}
