namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// Walks a comma-separated field value (RFC 9110 §5.6.1) without allocating: <c>foreach (var e in new HttpTokenList(v))</c>.
/// Elements come back with OWS trimmed. Empty elements (<c>a, , b</c>, <c>a,</c>) come back empty so each caller
/// decides whether they are an error; a value that is empty or only OWS has no elements at all. Quoted strings are
/// not special-cased: this is for lists of tokens (Connection, Transfer-Encoding, Upgrade), not for every list.
/// </summary>
public readonly ref struct HttpTokenList
{
    private readonly ReadOnlySpan<byte> _value;

    public HttpTokenList(ReadOnlySpan<byte> value)
    {
        _value = HttpChars.TrimOws(value);
    }

    public Enumerator GetEnumerator() => new(_value);

    /// <summary>The elements of the list, one per comma-separated part.</summary>
    public ref struct Enumerator
    {
        private ReadOnlySpan<byte> _remaining;
        private bool _done;

        internal Enumerator(ReadOnlySpan<byte> value)
        {
            _remaining = value;
            _done = value.IsEmpty;
            Current = default;
        }

        public ReadOnlySpan<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            var comma = _remaining.IndexOf((byte)',');
            if (comma < 0)
            {
                Current = HttpChars.TrimOws(_remaining);
                _done = true;
                return true;
            }

            Current = HttpChars.TrimOws(_remaining[..comma]);
            _remaining = _remaining[(comma + 1)..];
            return true;
        }
    }
}
