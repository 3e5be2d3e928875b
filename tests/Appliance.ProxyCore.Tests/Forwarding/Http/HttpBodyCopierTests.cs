using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Appliance.ProxyCore.Forwarding;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Forwarding.Http;

public sealed class HttpBodyCopierTests
{
    private static readonly byte[] Head = "HTTP/1.1 200 OK\r\nx: y\r\n\r\n"u8.ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyAsync_ContentLengthSplitAcrossReads_ForwardsHeadThenExactBody(bool direct)
    {
        var body = Bytes(150_000);
        using var copy = new Copy(Length(body.Length), direct, Pieces(body, 7000, 40_000, 1, 65_536, 37_463));

        var result = await copy.RunAsync();

        Assert.Equal(new BodyCopyResult(BodyCopyStatus.Complete), result);
        Assert.Equal([.. Head, .. body], copy.Output);
        Assert.Equal(Head.Length + body.Length, copy.Counters.BytesOut);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyAsync_ContentLengthZero_CompleteWithoutWaitingForBytes(bool direct)
    {
        var next = "HTTP/1.1 200 OK\r\n"u8.ToArray();
        using var copy = new Copy(Length(0), direct, [[], next]);

        var result = await copy.RunAsync();

        Assert.Equal(new BodyCopyResult(BodyCopyStatus.Complete), result);
        Assert.Equal(next.Length, copy.Source.Left);
    }

    [Fact]
    public async Task CopyAsync_DirectContentLength_NeverReadsPastTheLengthNorWaitsWithZeroByteReads()
    {
        var body = Bytes(100_000);
        var next = Encoding.ASCII.GetBytes("GET /next HTTP/1.1\r\n\r\n");
        using var copy = new Copy(Length(body.Length), direct: true, [.. Pieces(body, 5000, 95_000), next]);

        var result = await copy.RunAsync(mayReadPastBody: false);

        Assert.Equal(BodyCopyStatus.Complete, result.Status);
        Assert.Equal((next.Length, 0), (copy.Source.Left, copy.Source.ZeroByteReads - copy.PrimingZeroByteReads));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyAsync_ContentLengthSenderClosesEarly_Truncated(bool direct)
    {
        var body = Bytes(30_000);
        using var copy = new Copy(Length(body.Length + 1), direct, Pieces(body, 1000, 29_000));

        var result = await copy.RunAsync();

        Assert.Equal(BodyCopyStatus.Truncated, result.Status);
        Assert.Equal([.. Head, .. body], copy.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyAsync_ChunkedSplitAtEveryOffset_ForwardsTheBodyUnchanged(bool direct)
    {
        var body = Chunked("hello", new string('x', 300), "!") + "0\r\nTrailer-A: 1\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(body);
        for (var split = 0; split <= bytes.Length; split++)
        {
            // The first piece is what arrived with the head (in the pipe); the rest comes one byte per read, then the tail.
            using var copy = new Copy(Chunked(), direct, [bytes[..split], .. bytes[split..].Take(3).Select(b => new[] { b }), bytes[Math.Min(bytes.Length, split + 3)..]]);

            var result = await copy.RunAsync();

            Assert.Equal(new BodyCopyResult(BodyCopyStatus.Complete), result);
            Assert.Equal([.. Head, .. bytes], copy.Output);
        }
    }

    [Fact]
    public async Task CopyAsync_DirectChunkedWithBytesAfterTheLastChunk_CompleteWithOverrunAndExtraDropped()
    {
        var body = Encoding.ASCII.GetBytes(Chunked("abc") + "0\r\n\r\n");
        using var copy = new Copy(Chunked(), direct: true, [body[..3], [.. body[3..], .. "HTTP/1.1 200 OK\r\n"u8]]);

        var result = await copy.RunAsync(mayReadPastBody: true);

        Assert.Equal(new BodyCopyResult(BodyCopyStatus.Complete, SourceOverrun: true), result);
        Assert.Equal([.. Head, .. body], copy.Output);
    }

    [Fact]
    public async Task CopyAsync_ChunkedWhenReadingPastTheBodyIsNotAllowed_LeavesTheNextMessageInThePipe()
    {
        var body = Encoding.ASCII.GetBytes(Chunked("abc") + "0\r\n\r\n");
        var next = "GET / HTTP/1.1\r\n\r\n"u8.ToArray();
        using var copy = new Copy(Chunked(), direct: true, [body[..3], [.. body[3..], .. next]]);

        var result = await copy.RunAsync(mayReadPastBody: false);
        var left = await copy.SourcePipe.ReadAsync();

        Assert.Equal(new BodyCopyResult(BodyCopyStatus.Complete), result);
        Assert.Equal(next, left.Buffer.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyAsync_MalformedChunkAfterTheFirstRead_MalformedWithReason(bool direct)
    {
        using var copy = new Copy(Chunked(), direct, [Encoding.ASCII.GetBytes(Chunked("abc")), "zz\r\n"u8.ToArray()]);

        var result = await copy.RunAsync();

        Assert.Equal(BodyCopyStatus.Malformed, result.Status);
        Assert.Equal(RejectReason.ChunkSizeInvalid, result.Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyAsync_ChunkedSenderClosesEarly_Truncated(bool direct)
    {
        using var copy = new Copy(Chunked(), direct, [Encoding.ASCII.GetBytes(Chunked("abc")), "5\r\nab"u8.ToArray()]);

        var result = await copy.RunAsync();

        Assert.Equal(BodyCopyStatus.Truncated, result.Status);
    }

    [Fact]
    public async Task CopyAsync_DirectChunkedDroppingTrailers_EndsWithTheFinalCrlf()
    {
        using var copy = new Copy(Chunked(), direct: true, [[], Encoding.ASCII.GetBytes(Chunked("abc") + "0\r\nX-T: 1\r\n\r\n")])
        {
            Decoder = new ChunkedDecoder(new ChunkedDecoderOptions { Trailers = TrailerHandling.Drop }),
        };

        var result = await copy.RunAsync();

        Assert.Equal(BodyCopyStatus.Complete, result.Status);
        Assert.Equal(Encoding.ASCII.GetString(Head) + Chunked("abc") + "0\r\n\r\n", Encoding.ASCII.GetString(copy.Output));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyAsync_UntilClose_ForwardsEverythingUntilTheSenderCloses(bool direct)
    {
        var body = Bytes(200_000);
        using var copy = new Copy(new HttpResponseHead { Framing = BodyFraming.ReadUntilClose }, direct, Pieces(body, 10, 199_990));

        var result = await copy.RunAsync();

        Assert.Equal(BodyCopyStatus.Complete, result.Status);
        Assert.Equal([.. Head, .. body], copy.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyAsync_ReceiverGone_TargetClosedOrTruncated(bool direct)
    {
        var body = Bytes(100_000);
        using var copy = new Copy(Length(body.Length), direct, Pieces(body, 10, 99_990)) { FailWrites = true };

        var result = await copy.RunAsync();

        // The pipe path reports the failed flush as the copy's IO error; the direct path knows it was the receiver.
        Assert.Equal(direct ? BodyCopyStatus.TargetClosed : BodyCopyStatus.Truncated, result.Status);
    }

    [Theory]
    [InlineData(1024 * 1024, true)]
    [InlineData(64 * 1024, false)]
    public async Task CopyAsync_DirectBodyWhoseReadsAndWritesAllCompleteAtOnce_YieldsTheThreadOnlyPastTheFairShare(int length, bool yields)
    {
        var body = Bytes(length);
        using var copy = new Copy(Length(body.Length), direct: true, [[], .. body.Chunk(HttpBodyCopier.DirectBufferSize)]);
        var context = new CountingContext();
        var previous = SynchronizationContext.Current;
        BodyCopyResult result;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            result = await copy.RunAsync();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Assert.Equal(new BodyCopyResult(BodyCopyStatus.Complete), result);
        Assert.Equal([.. Head, .. body], copy.Output);
        Assert.Equal(yields, context.Posts > 0);
    }

    private static HttpResponseHead Length(long length) => new() { Framing = BodyFraming.ContentLength, ContentLength = length };

    private static HttpResponseHead Chunked() => new() { Framing = BodyFraming.Chunked };

    private static string Chunked(params string[] chunks) => string.Concat(chunks.Select(c => $"{c.Length:x}\r\n{c}\r\n"));

    private static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    private static byte[][] Pieces(byte[] data, params int[] sizes)
    {
        var pieces = new List<byte[]>();
        var offset = 0;
        foreach (var size in sizes)
        {
            pieces.Add(data[offset..(offset + size)]);
            offset += size;
        }

        return [.. pieces];
    }

    /// <summary>
    /// One copy as the proxy runs it: the source pipe (zero-byte reads on, as the proxy's) has read its first piece
    /// (what came with the head; an empty first piece: nothing did), the target pipe holds an unflushed head, and the
    /// target stream counts what it gets.
    /// </summary>
    private sealed class Copy : IDisposable
    {
        private readonly HttpMessageHead _head;
        private readonly bool _direct;
        private readonly byte[][] _pieces;
        private readonly MemoryStream _written = new();

        public Copy(HttpMessageHead head, bool direct, byte[][] pieces)
        {
            _head = head;
            _direct = direct;
            _pieces = pieces;
            Source = new ScriptedReadStream(pieces);
            SourcePipe = PipeReader.Create(Source, new StreamPipeReaderOptions(bufferSize: 16384, minimumReadSize: 4096, leaveOpen: true, useZeroByteReads: true));
        }

        public ScriptedReadStream Source { get; }

        public PipeReader SourcePipe { get; }

        public TrafficCounters Counters { get; } = new(TimeProvider.System);

        public ChunkedDecoder Decoder { get; init; } = new();

        public bool FailWrites { get; init; }

        public int PrimingZeroByteReads { get; private set; }

        public byte[] Output => _written.ToArray();

        public void Dispose() => _written.Dispose();

        public async Task<BodyCopyResult> RunAsync(bool mayReadPastBody = true)
        {
            if (_pieces[0].Length > 0)
            {
                var primed = await SourcePipe.ReadAsync();
                SourcePipe.AdvanceTo(primed.Buffer.Start);
            }

            PrimingZeroByteReads = Source.ZeroByteReads;
            Stream sink = FailWrites ? new FailingWriteStream() : _written;
            var target = new CountingStream(sink, Counters);
            var targetPipe = PipeWriter.Create(target, new StreamPipeWriterOptions(minimumBufferSize: 16384, leaveOpen: true));
            targetPipe.Write(Head);
            using var timer = new ReadTimer(TimeProvider.System);
            var result = await HttpBodyCopier.CopyAsync(SourcePipe, targetPipe, _head, Decoder, timer, TimeSpan.FromSeconds(30),
                _direct ? new BodyStreams(Source, target, mayReadPastBody) : null);
            if (!FailWrites)
            {
                await targetPipe.FlushAsync();
            }

            return result;
        }
    }

    /// <summary>Counts the continuations posted to it (what <c>Task.Yield</c> does under a context) and runs them on the pool.</summary>
    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }

    private sealed class FailingWriteStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("connection reset by peer");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("connection reset by peer"));

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException(new IOException("connection reset by peer"));
    }
}
