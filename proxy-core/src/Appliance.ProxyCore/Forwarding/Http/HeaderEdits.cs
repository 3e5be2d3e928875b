namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The header changes to apply to one message, in rule order: a removal hides every earlier header of that name (the
/// message's own and earlier additions), an addition appears after the message's own headers. <c>set-header</c> is a
/// removal followed by an addition. Reused message after message; <see cref="Clear"/> between messages.
/// </summary>
public sealed class HeaderEdits
{
    private readonly List<(bool Remove, string Name, string? Value)> _ops = [];

    public bool IsEmpty => _ops.Count == 0;

    public void Clear() => _ops.Clear();

    public void Add(string name, string value) => _ops.Add((false, name, value));

    public void Remove(string name) => _ops.Add((true, name, null));

    public void Set(string name, string value)
    {
        Remove(name);
        Add(name, value);
    }

    /// <summary>True when a header of the message itself named <paramref name="name"/> must not be written.</summary>
    public bool RemovesOriginal(ReadOnlySpan<byte> name)
    {
        foreach (var op in _ops)
        {
            if (op.Remove && NameEquals(op.Name, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a header of the message itself named <paramref name="name"/> must not be written.</summary>
    public bool RemovesOriginal(string name)
    {
        foreach (var op in _ops)
        {
            if (op.Remove && string.Equals(op.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The additions that survive later removals, in order.</summary>
    public IEnumerable<(string Name, string Value)> SurvivingAdditions()
    {
        for (var i = 0; i < _ops.Count; i++)
        {
            var op = _ops[i];
            if (op.Remove || RemovedAfter(op.Name, i))
            {
                continue;
            }

            yield return (op.Name, op.Value!);
        }
    }

    private bool RemovedAfter(string name, int index)
    {
        for (var j = index + 1; j < _ops.Count; j++)
        {
            if (_ops[j].Remove && string.Equals(_ops[j].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NameEquals(string name, ReadOnlySpan<byte> bytes)
    {
        if (name.Length != bytes.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (char.ToLowerInvariant(name[i]) != char.ToLowerInvariant((char)bytes[i]))
            {
                return false;
            }
        }

        return true;
    }
}
