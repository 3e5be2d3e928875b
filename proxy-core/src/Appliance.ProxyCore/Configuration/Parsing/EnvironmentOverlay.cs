namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// The process environment as seen by the rest of the file: the global keywords <c>setenv</c>, <c>presetenv</c>,
/// <c>unsetenv</c> and <c>resetenv</c> change it for the lines that follow (HAProxy applies them while parsing), without
/// touching the real process environment.
/// </summary>
internal sealed class EnvironmentOverlay(Func<string, string?> baseEnvironment)
{
    private readonly Dictionary<string, string?> _overrides = new(StringComparer.Ordinal);
    private HashSet<string>? _keptAfterReset;

    public string? Lookup(string name)
    {
        if (_overrides.TryGetValue(name, out var value))
        {
            return value;
        }

        if (_keptAfterReset is not null && !_keptAfterReset.Contains(name))
        {
            return null;
        }

        return baseEnvironment(name);
    }

    public void Set(string name, string value, bool overwrite)
    {
        if (overwrite || Lookup(name) is null)
        {
            _overrides[name] = value;
        }
    }

    public void Unset(string name) => _overrides[name] = null;

    /// <summary><c>resetenv [NAME...]</c>: removes every variable except the named ones.</summary>
    public void Reset(IEnumerable<string> keep)
    {
        var kept = keep.ToHashSet(StringComparer.Ordinal);
        foreach (var name in _overrides.Keys.ToList())
        {
            if (!kept.Contains(name))
            {
                _overrides[name] = null;
            }
        }

        _keptAfterReset = _keptAfterReset is null ? kept : [.. _keptAfterReset.Intersect(kept)];
    }
}
