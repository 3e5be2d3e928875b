using System.IO.Pipelines;
using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>
/// Reads length-prefixed messages (<see cref="GrpcFrame"/>) from a <see cref="PipeReader"/>, however the bytes were
/// split across HTTP/2 DATA frames and reads, and parses each with a protobuf <see cref="MessageParser{T}"/>.
/// </summary>
public sealed class GrpcMessageReader
{
    private readonly PipeReader _reader;
    private readonly int _maxMessageSize;

    /// <summary>Reads from <paramref name="reader"/>.</summary>
    /// <param name="reader">The request body (server) or response body (client).</param>
    /// <param name="maxMessageSize">Largest message accepted; default <see cref="GrpcProtocol.DefaultMaxReceiveMessageSize"/> (4 MiB).</param>
    public GrpcMessageReader(PipeReader reader, int maxMessageSize = GrpcProtocol.DefaultMaxReceiveMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessageSize);
        _reader = reader;
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>
    /// The next message, or null at the end of the stream (after a whole number of messages).
    /// </summary>
    /// <exception cref="RpcException">
    /// <see cref="StatusCode.Internal"/> when the stream ends inside a message or a payload does not parse; see
    /// <see cref="GrpcFrame.TryRead"/> for the prefix checks.
    /// </exception>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                if (GrpcFrame.TryRead(ref buffer, _maxMessageSize, out var payload))
                {
                    T message;
                    try
                    {
                        message = parser.ParseFrom(payload);
                    }
                    catch (InvalidProtocolBufferException error)
                    {
                        throw new RpcException(StatusCode.Internal, $"failed to parse {typeof(T).Name}: {error.Message}", error);
                    }

                    _reader.AdvanceTo(buffer.Start);
                    return message;
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new RpcException(
                            StatusCode.Internal, $"the stream ended inside a message ({buffer.Length} bytes of an incomplete message)");
                    }

                    _reader.AdvanceTo(buffer.End);
                    return null;
                }

                // Nothing consumed, everything examined: the next ReadAsync waits for more bytes.
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
            catch (RpcException)
            {
                _reader.AdvanceTo(result.Buffer.End);
                throw;
            }
        }
    }
}
