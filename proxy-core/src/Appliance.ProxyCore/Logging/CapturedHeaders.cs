namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The captured values of one message's headers: a buffer per <c>capture</c> line sized by its <c>len</c>, allocated
/// once per client connection and refilled request after request, so capturing allocates nothing per request.
/// </summary>
public sealed class CapturedHeaders
{
    private readonly IReadOnlyList<HeaderCapture> _captures;
    private readonly byte[][] _values;
    private readonly int[] _lengths;

    public CapturedHeaders(IReadOnlyList<HeaderCapture> captures)
    {
        _captures = captures;
        _values = [.. captures.Select(c => new byte[c.Length])];
        _lengths = new int[captures.Count];
        Clear();
    }

    /// <summary>The number of captures (configured, not necessarily found).</summary>
    public int Count => _captures.Count;

    /// <summary>The header name of capture <paramref name="index"/> as ASCII bytes.</summary>
    public ReadOnlySpan<byte> NameOf(int index) => _captures[index].NameBytes;

    /// <summary>Forgets every value (the headers were absent).</summary>
    public void Clear() => Array.Fill(_lengths, -1);

    /// <summary>Keeps <paramref name="value"/> for capture <paramref name="index"/>, cut to its <c>len</c>.</summary>
    public void Set(int index, ReadOnlySpan<byte> value)
    {
        var buffer = _values[index];
        var length = Math.Min(value.Length, buffer.Length);
        value[..length].CopyTo(buffer);
        _lengths[index] = length;
    }

    /// <summary>True when the header of capture <paramref name="index"/> was present.</summary>
    public bool Has(int index) => _lengths[index] >= 0;

    /// <summary>The captured value; empty when the header was absent.</summary>
    public ReadOnlySpan<byte> Get(int index) => _lengths[index] < 0 ? default : _values[index].AsSpan(0, _lengths[index]);
}
