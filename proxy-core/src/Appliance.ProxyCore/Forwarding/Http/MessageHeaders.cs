using System.Buffers;
using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// An editable list of a message's field lines for the rule engine, as spans over one text buffer per connection: the
/// head's bytes are widened into it once per message (Latin-1, so byte n of the head is char n of the text and the
/// parser's offsets address both), and edits append only the text they bring (an added name and value, a new value)
/// after it. Reading, matching and removing copy nothing; once the buffer, rented from the shared pool and returned on
/// <see cref="Dispose"/>, has grown to the largest head seen, nothing is allocated per message. Built only when a proxy
/// has rules; <see cref="HeaderEdits"/> from persistence are folded in before writing. Spans stay valid until the
/// message is edited or loaded again. Not thread-safe.
/// </summary>
internal abstract class MessageHeaders : IDisposable
{
    // Room for what rules typically add (a few fields) without growing the buffer after the first message.
    private const int EditRoom = 256;
    private const int InitialFieldCapacity = 16;

    private char[] _text = [];
    private int _length;
    private MessageField[] _fields = [];
    private int _count;

    public int HeaderCount => _count;

    public ReadOnlySpan<char> GetHeaderName(int index)
    {
        var field = FieldAt(index);
        return _text.AsSpan(field.NameStart, field.NameLength);
    }

    public ReadOnlySpan<char> GetHeaderValue(int index)
    {
        var field = FieldAt(index);
        return _text.AsSpan(field.ValueStart, field.ValueLength);
    }

    public void AddHeader(string name, ReadOnlySpan<char> value)
    {
        var start = Append(name, value);
        AddField(new MessageField(start, name.Length, start + name.Length, value.Length, false, IsManaged(name)));
    }

    public void SetHeaderValue(int index, ReadOnlySpan<char> value)
    {
        var field = FieldAt(index);
        _fields[index] = field with { ValueStart = Append(value, default), ValueLength = value.Length, FromHead = false };
    }

    public void RemoveHeader(int index)
    {
        FieldAt(index);
        Array.Copy(_fields, index + 1, _fields, index, _count - index - 1);
        _count--;
    }

    /// <summary>Applies name-based edits (removals, then surviving additions).</summary>
    public void Apply(HeaderEdits edits)
    {
        if (edits.IsEmpty)
        {
            return;
        }

        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!edits.RemovesOriginal(GetHeaderName(i)))
            {
                _fields[kept++] = _fields[i];
            }
        }

        _count = kept;
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits.TryGetSurvivingAddition(i, out var name, out var value))
            {
                AddHeader(name, value);
            }
        }
    }

    public void Dispose()
    {
        if (_text.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_text);
            _text = [];
        }

        _length = 0;
        _count = 0;
    }

    /// <summary>The field line at <paramref name="index"/> as offsets (for the head writer).</summary>
    internal MessageField FieldAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            ThrowIndex(index);
        }

        return _fields[index];
    }

    /// <summary>Text of the buffer by offsets (the start line's parts, for the derived messages).</summary>
    protected ReadOnlySpan<char> TextAt(int start, int length) => _text.AsSpan(start, length);

    /// <summary>Replaces the text with the head's (widened from Latin-1) and the list with its field lines.</summary>
    protected void LoadHeaders(HttpMessageHead head)
    {
        var raw = head.RawBytes;
        if (_text.Length < raw.Length + EditRoom)
        {
            Dispose();
            _text = ArrayPool<char>.Shared.Rent(raw.Length + EditRoom);
        }

        _length = Encoding.Latin1.GetChars(raw, _text);
        _count = 0;
        for (var i = 0; i < head.HeaderCount; i++)
        {
            var entry = head.EntryOf(i);
            AddField(new MessageField(entry.NameStart, entry.NameLength, entry.ValueStart, entry.ValueLength, true, IsManaged(entry.Known)));
        }
    }

    /// <summary>
    /// Appends <paramref name="first"/> then <paramref name="second"/> to the text and returns where the first starts.
    /// Either may be a span of this buffer: both are copied before a buffer outgrown is returned to the pool.
    /// </summary>
    protected int Append(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        var start = _length;
        var end = start + first.Length + second.Length;
        var target = _text;
        if (end > target.Length)
        {
            target = ArrayPool<char>.Shared.Rent(Math.Max(end, Math.Max(1024, _text.Length * 2)));
            _text.AsSpan(0, _length).CopyTo(target);
        }

        first.CopyTo(target.AsSpan(start));
        second.CopyTo(target.AsSpan(start + first.Length));
        if (!ReferenceEquals(target, _text))
        {
            if (_text.Length > 0)
            {
                ArrayPool<char>.Shared.Return(_text);
            }

            _text = target;
        }

        _length = end;
        return start;
    }

    /// <summary>The fields the forwarder writes itself: hop-by-hop (RFC 9110 §7.6.1) and framing (from the parsed head).</summary>
    private static bool IsManaged(KnownHeader known) =>
        known is KnownHeader.Connection or KnownHeader.KeepAlive or KnownHeader.ProxyConnection
            or KnownHeader.ContentLength or KnownHeader.TransferEncoding;

    private static bool IsManaged(ReadOnlySpan<char> name) =>
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase);

    private void AddField(in MessageField field)
    {
        if (_count == _fields.Length)
        {
            Array.Resize(ref _fields, Math.Max(InitialFieldCapacity, _fields.Length * 2));
        }

        _fields[_count++] = field;
    }

    private static void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "no field line at this index");
}
