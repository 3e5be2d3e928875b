using System.Buffers;
using System.IO.Pipelines;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Tests.Sync.Grpc;

public class GrpcFrameTests
{
    // EchoRequest { text (field 1, length-delimited) = "hi" }: tag 0x0A, length 2, 'h' 'i' (protobuf encoding guide);
    // framed per PROTOCOL-HTTP2.md "Length-Prefixed-Message": flag 0, length 00 00 00 04, then the 4 bytes.
    private static readonly byte[] CapturedHi = [0x00, 0x00, 0x00, 0x00, 0x04, 0x0A, 0x02, 0x68, 0x69];

    [Fact]
    public void Encode_TextHi_IsTheCapturedGrpcBytes()
    {
        Assert.Equal(CapturedHi, GrpcFrame.Encode(new EchoRequest { Text = "hi" }));
    }

    [Fact]
    public void Encode_EmptyMessage_IsAPrefixWithLengthZero()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0 }, GrpcFrame.Encode(new EchoRequest()));
    }

    [Fact]
    public void WriteHeader_LengthAboveSixteenBits_IsBigEndian()
    {
        var header = new byte[5];
        GrpcFrame.WriteHeader(header, 0x01020304);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04 }, header);
    }

    [Fact]
    public void TryRead_CapturedBytesThenMore_TakesOneMessageAndLeavesTheRest()
    {
        var buffer = new ReadOnlySequence<byte>([.. CapturedHi, 0x00, 0x00]);
        Assert.True(GrpcFrame.TryRead(ref buffer, 100, out var message));
        Assert.Equal(new byte[] { 0x0A, 0x02, 0x68, 0x69 }, message.ToArray());
        Assert.Equal(new byte[] { 0x00, 0x00 }, buffer.ToArray());
        Assert.Equal("hi", EchoRequest.Parser.ParseFrom(message).Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    public void TryRead_Incomplete_ReturnsFalseAndConsumesNothing(int available)
    {
        var buffer = new ReadOnlySequence<byte>(CapturedHi.AsMemory(0, available));
        Assert.False(GrpcFrame.TryRead(ref buffer, 100, out _));
        Assert.Equal(available, buffer.Length);
    }

    [Fact]
    public void TryRead_LengthOverTheLimit_FailsResourceExhaustedBeforeThePayloadArrives()
    {
        // Only the prefix has arrived: a 5 MiB announcement is refused at once, not buffered.
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x00, 0x00, 0x50, 0x00, 0x00 });
        var error = Assert.Throws<RpcException>(() => GrpcFrame.TryRead(ref buffer, GrpcProtocol.DefaultMaxReceiveMessageSize, out _));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("received message larger than max (5242880 vs. 4194304)", error.Detail);
    }

    [Fact]
    public void TryRead_LengthAtTheLimit_IsAccepted()
    {
        var buffer = new ReadOnlySequence<byte>([0x00, 0x00, 0x00, 0x00, 0x03, 1, 2, 3]);
        Assert.True(GrpcFrame.TryRead(ref buffer, 3, out var message));
        Assert.Equal(3, message.Length);
    }

    [Fact]
    public void TryRead_CompressedFlagWithoutEncoding_FailsInternal()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x01, 0x00, 0x00, 0x00, 0x00 });
        var error = Assert.Throws<RpcException>(() => GrpcFrame.TryRead(ref buffer, 100, out _));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("compressed", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_FlagTwo_FailsInternal()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00 });
        var error = Assert.Throws<RpcException>(() => GrpcFrame.TryRead(ref buffer, 100, out _));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("invalid compressed flag 2 in a message prefix (expected 0 or 1)", error.Detail);
    }

    [Fact]
    public void TryRead_MessageAcrossSegments_ReadsIt()
    {
        // Every byte in its own segment: the prefix and payload split at every point at once.
        var buffer = Segments(CapturedHi.Select(b => new[] { b }).ToArray());
        Assert.True(GrpcFrame.TryRead(ref buffer, 100, out var message));
        Assert.Equal("hi", EchoRequest.Parser.ParseFrom(message).Text);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public async Task ReadAsync_MessagesSplitAcrossWritesAtEveryOffset_ReadsThemAll()
    {
        var two = CapturedHi.Concat(GrpcFrame.Encode(new EchoRequest { Text = "there", DelayMs = 300 })).ToArray();
        for (var split = 1; split < two.Length; split++)
        {
            var pipe = new Pipe();
            var reader = new GrpcMessageReader(pipe.Reader);
            var first = reader.ReadAsync(EchoRequest.Parser, CancellationToken.None);
            await pipe.Writer.WriteAsync(two.AsMemory(0, split));
            await pipe.Writer.WriteAsync(two.AsMemory(split));
            await pipe.Writer.CompleteAsync();
            Assert.Equal("hi", (await first)!.Text);
            var second = await reader.ReadAsync(EchoRequest.Parser, CancellationToken.None);
            Assert.Equal(new EchoRequest { Text = "there", DelayMs = 300 }, second);
            Assert.Null(await reader.ReadAsync(EchoRequest.Parser, CancellationToken.None));
        }
    }

    [Fact]
    public async Task ReadAsync_StreamEndsInsideAMessage_FailsInternal()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(CapturedHi.AsMemory(0, 7));
        await pipe.Writer.CompleteAsync();
        var reader = new GrpcMessageReader(pipe.Reader);
        var error = await Assert.ThrowsAsync<RpcException>(() => reader.ReadAsync(EchoRequest.Parser, CancellationToken.None).AsTask());
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("the stream ended inside a message (7 bytes of an incomplete message)", error.Detail);
    }

    [Fact]
    public async Task ReadAsync_PayloadNotProtobuf_FailsInternal()
    {
        var pipe = new Pipe();

        // Tag 0x0A (field 1, length-delimited) announcing 5 bytes where 1 follows.
        await pipe.Writer.WriteAsync(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x03, 0x0A, 0x05, 0x68 });
        await pipe.Writer.CompleteAsync();
        var reader = new GrpcMessageReader(pipe.Reader);
        var error = await Assert.ThrowsAsync<RpcException>(() => reader.ReadAsync(EchoRequest.Parser, CancellationToken.None).AsTask());
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("failed to parse EchoRequest", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OversizeWithSmallLimit_FailsResourceExhausted()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(CapturedHi);
        var reader = new GrpcMessageReader(pipe.Reader, maxMessageSize: 3);
        var error = await Assert.ThrowsAsync<RpcException>(() => reader.ReadAsync(EchoRequest.Parser, CancellationToken.None).AsTask());
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    private static ReadOnlySequence<byte> Segments(byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
