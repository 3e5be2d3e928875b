namespace Appliance.ProxyCore.Tests.Forwarding.Http;

/// <summary>
/// A read-only stream that hands out its input in the pieces given (one piece per read, or the part of it that fits),
/// then end of stream; it records every read, so a test can tell how many bytes a reader asked for and took.
/// </summary>
internal sealed class ScriptedReadStream(params byte[][] pieces) : Stream
{
    private readonly long _total = pieces.Sum(p => (long)p.Length);
    private int _index;
    private int _offset;

    /// <summary>Bytes handed out so far.</summary>
    public long Taken { get; private set; }

    /// <summary>Bytes not handed out yet.</summary>
    public long Left => _total - Taken;

    /// <summary>Reads that asked for no bytes (a zero-byte read, to wait for data without a buffer).</summary>
    public int ZeroByteReads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            ZeroByteReads++;
            return 0;
        }

        while (_index < pieces.Length && _offset == pieces[_index].Length)
        {
            _index++;
            _offset = 0;
        }

        if (_index == pieces.Length)
        {
            return 0;
        }

        var count = Math.Min(pieces[_index].Length - _offset, buffer.Length);
        pieces[_index].AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        Taken += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
