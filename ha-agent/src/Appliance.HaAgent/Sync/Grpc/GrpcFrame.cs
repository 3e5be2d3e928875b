using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>
/// The gRPC message framing, pure: PROTOCOL-HTTP2.md "Length-Prefixed-Message → Compressed-Flag Message-Length
/// Message", where Compressed-Flag is one byte (0 or 1) and Message-Length a four-byte unsigned big-endian length.
/// </summary>
public static class GrpcFrame
{
    /// <summary>Writes the 5-byte prefix of an uncompressed message of <paramref name="length"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..GrpcProtocol.FrameHeaderSize], (uint)length);
    }

    /// <summary>Writes <paramref name="message"/> framed (uncompressed) into <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message)
    {
        var length = message.CalculateSize();
        var span = writer.GetSpan(GrpcProtocol.FrameHeaderSize + length);
        WriteHeader(span, length);
        message.WriteTo(span.Slice(GrpcProtocol.FrameHeaderSize, length));
        writer.Advance(GrpcProtocol.FrameHeaderSize + length);
    }

    /// <summary>Returns <paramref name="message"/> framed as a new array.</summary>
    public static byte[] Encode(IMessage message)
    {
        var writer = new ArrayBufferWriter<byte>(GrpcProtocol.FrameHeaderSize + message.CalculateSize());
        Write(writer, message);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Takes one whole message from the front of <paramref name="buffer"/> when it is there, advancing the buffer past
    /// it; returns false (buffer unchanged) while the prefix or the payload is incomplete, so a caller keeps reading.
    /// </summary>
    /// <param name="buffer">Received bytes; on success, what follows the message.</param>
    /// <param name="maxMessageSize">The largest payload accepted; a prefix announcing more fails at once, before the payload arrives.</param>
    /// <param name="message">The payload (a slice of <paramref name="buffer"/>).</param>
    /// <exception cref="RpcException">
    /// <see cref="StatusCode.ResourceExhausted"/> when the length exceeds <paramref name="maxMessageSize"/>;
    /// <see cref="StatusCode.Internal"/> for a compressed message (no <c>grpc-encoding</c> was agreed: PROTOCOL-HTTP2.md
    /// "Compressed-Flag": "a Compressed-Flag value of 1 indicates that the binary octet sequence of Message is compressed
    /// using the mechanism declared by the Message-Encoding header", and with none declared that is a protocol error)
    /// or a flag other than 0 and 1.
    /// </exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        switch (header[0])
        {
            case 0:
                break;
            case 1:
                throw new RpcException(StatusCode.Internal, "received a compressed message but no grpc-encoding was negotiated");
            default:
                throw new RpcException(StatusCode.Internal, $"invalid compressed flag {header[0]} in a message prefix (expected 0 or 1)");
        }

        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted, $"received message larger than max ({length} vs. {maxMessageSize})");
        }

        if (buffer.Length - GrpcProtocol.FrameHeaderSize < length)
        {
            return false;
        }

        message = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        buffer = buffer.Slice(message.End);
        return true;
    }
}
