using System.Buffers;
using System.Text;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// What request and response heads share: a copy of the head's bytes in one pooled buffer (so the head stays valid
/// after the pipe is advanced, and lines split across segments become contiguous) and the field lines as offsets into
/// it, in the order received, duplicates kept. Reused message after message on one connection: parsing allocates
/// nothing once the buffer has grown to the largest head seen. Both arrays are pooled, and an idle keep-alive connection
/// returns them (<see cref="ReleaseBuffers"/>) until its next message. Not thread-safe; dispose to return the buffers.
/// </summary>
public abstract class HttpMessageHead : IDisposable
{
    private const int InitialBufferSize = 1024;
    private const int InitialHeaderCapacity = 16;

    private byte[] _buffer = [];
    private int _length;
    private HeaderEntry[] _headers = [];
    private int _headerCount;

    private protected HttpMessageHead()
    {
    }

    /// <summary>HTTP/1.0 or HTTP/1.1.</summary>
    public HttpProtocolVersion Version { get; internal set; }

    /// <summary>How the body is delimited; see <see cref="ContentLength"/> for <see cref="BodyFraming.ContentLength"/>.</summary>
    public BodyFraming Framing { get; internal set; }

    /// <summary>The Content-Length value when Framing is ContentLength, else -1.</summary>
    public long ContentLength { get; internal set; } = -1;

    /// <summary>The Connection options close, keep-alive and upgrade found in Connection field lines.</summary>
    public ConnectionOptions ConnectionOptions { get; internal set; }

    /// <summary>
    /// True when the connection must be closed after this message (RFC 9112 §9.3): <c>Connection: close</c>, an
    /// HTTP/1.0 message without <c>Connection: keep-alive</c>, or a response read until close.
    /// </summary>
    public bool MustClose { get; internal set; }

    /// <summary>The head exactly as received: start line, field lines and the final CRLF (not the leading empty lines).</summary>
    public ReadOnlySpan<byte> RawBytes => _buffer.AsSpan(0, _length);

    /// <summary>The number of field lines.</summary>
    public int HeaderCount => _headerCount;

    /// <summary>The field line at <paramref name="index"/> (0 = first received).</summary>
    public HttpHeaderField GetHeader(int index)
    {
        if ((uint)index >= (uint)_headerCount)
        {
            ThrowIndex(index);
        }

        var entry = _headers[index];
        return new HttpHeaderField(
            _buffer.AsSpan(entry.NameStart, entry.NameLength),
            _buffer.AsSpan(entry.ValueStart, entry.ValueLength),
            entry.Known);
    }

    /// <summary>The index of the first field line named <paramref name="name"/> (ASCII case-insensitive) at or after <paramref name="start"/>, or -1.</summary>
    public int IndexOfHeader(ReadOnlySpan<byte> name, int start = 0)
    {
        for (var i = start; i < _headerCount; i++)
        {
            var entry = _headers[i];
            if (Ascii.EqualsIgnoreCase(_buffer.AsSpan(entry.NameStart, entry.NameLength), name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the first field line that is <paramref name="known"/> at or after <paramref name="start"/>, or -1.</summary>
    public int IndexOfHeader(KnownHeader known, int start = 0)
    {
        for (var i = start; i < _headerCount; i++)
        {
            if (_headers[i].Known == known)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first field line named <paramref name="name"/>, if any.</summary>
    public bool TryGetHeader(ReadOnlySpan<byte> name, out HttpHeaderField field)
    {
        var index = IndexOfHeader(name);
        field = index < 0 ? default : GetHeader(index);
        return index >= 0;
    }

    /// <summary>The first value of <paramref name="name"/> as a string, or null (allocates; for logs, rules and tests).</summary>
    public string? GetHeaderString(string name)
    {
        Span<byte> ascii = stackalloc byte[Math.Min(name.Length, 256)];
        if (name.Length > ascii.Length || Encoding.ASCII.GetBytes(name, ascii) != name.Length)
        {
            return null;
        }

        return TryGetHeader(ascii, out var field) ? field.GetValueString() : null;
    }

    public void Dispose()
    {
        ReleaseBuffers();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Forgets the message and returns both arrays to their pools (the next message rents them again): what a keep-alive
    /// connection does while it waits for its next request, so an idle connection holds no head buffers.
    /// </summary>
    internal void ReleaseBuffers()
    {
        Reset();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        if (_headers.Length > 0)
        {
            ArrayPool<HeaderEntry>.Shared.Return(_headers);
            _headers = [];
        }
    }

    /// <summary>A span of the head's buffer by offsets (for the derived heads' ranges).</summary>
    private protected ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    internal int Length => _length;

    /// <summary>Forgets the previous message; keeps the buffers.</summary>
    internal virtual void Reset()
    {
        _length = 0;
        _headerCount = 0;
        Version = default;
        Framing = BodyFraming.None;
        ContentLength = -1;
        ConnectionOptions = ConnectionOptions.None;
        MustClose = false;
    }

    /// <summary>Copies one line (with its CRLF) to the end of the buffer and returns where it now lives.</summary>
    internal Span<byte> Append(ReadOnlySequence<byte> line, out int offset)
    {
        var length = checked((int)line.Length);
        if (_length + length > _buffer.Length)
        {
            Grow(_length + length);
        }

        offset = _length;
        var target = _buffer.AsSpan(_length, length);
        line.CopyTo(target);
        _length += length;
        return target;
    }

    internal ReadOnlySpan<byte> ValueOf(int index)
    {
        var entry = _headers[index];
        return _buffer.AsSpan(entry.ValueStart, entry.ValueLength);
    }

    internal KnownHeader KnownOf(int index) => _headers[index].Known;

    /// <summary>The field line at <paramref name="index"/> (below <see cref="HeaderCount"/>) as offsets into <see cref="RawBytes"/>.</summary>
    internal HeaderEntry EntryOf(int index) => _headers[index];

    internal void AddHeader(in HeaderEntry entry)
    {
        if (_headerCount == _headers.Length)
        {
            var grown = ArrayPool<HeaderEntry>.Shared.Rent(Math.Max(InitialHeaderCapacity, _headers.Length * 2));
            _headers.AsSpan(0, _headerCount).CopyTo(grown);
            if (_headers.Length > 0)
            {
                ArrayPool<HeaderEntry>.Shared.Return(_headers);
            }

            _headers = grown;
        }

        _headers[_headerCount++] = entry;
    }

    private void Grow(int needed)
    {
        var size = Math.Max(InitialBufferSize, _buffer.Length * 2);
        while (size < needed)
        {
            size *= 2;
        }

        var grown = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(grown);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = grown;
    }

    private static void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "no field line at this index");
}
