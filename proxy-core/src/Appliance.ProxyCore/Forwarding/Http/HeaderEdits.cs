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
    public bool RemovesOriginal(ReadOnlySpan<char> name)
    {
        foreach (var op in _ops)
        {
            if (op.Remove && name.Equals(op.Name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of edits; <see cref="TryGetSurvivingAddition"/> walks them by index (no enumerator).</summary>
    public int Count => _ops.Count;

    /// <summary>True when edit <paramref name="index"/> is an addition that no later removal undoes.</summary>
    public bool TryGetSurvivingAddition(int index, out string name, out string value)
    {
        var op = _ops[index];
        name = op.Name;
        value = op.Value ?? "";
        return !op.Remove && !RemovedAfter(op.Name, index);
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
