using System.IO.Pipelines;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The counting stream and the pipes over one server socket. They live as long as the socket (attached to its
/// <see cref="ServerSocket"/>), so a pooled connection serves request after request without building them again; an
/// idle one holds no buffer (zero-byte reads, nothing left unread when it went back to the pool).
/// </summary>
internal sealed class ServerPipes : IDisposable
{
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 16384, minimumReadSize: 4096, leaveOpen: true, useZeroByteReads: true);
    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 16384, leaveOpen: true);

    private readonly CountingNetworkStream _stream;

    private ServerPipes(ServerConnection connection)
    {
        _stream = new CountingNetworkStream(connection.Socket, connection.Server.State.Traffic, connection.Backend.Traffic);
        Input = PipeReader.Create(_stream, ReaderOptions);
        Output = PipeWriter.Create(_stream, WriterOptions);
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The counting stream under the pipes, for moving a body without the pipes (<see cref="BodyStreams"/>).</summary>
    public Stream Stream => _stream;

    /// <summary>The pipes of <paramref name="connection"/>'s socket, made on its first use.</summary>
    public static ServerPipes For(ServerConnection connection)
    {
        if (connection.Channel.Attached is ServerPipes pipes)
        {
            return pipes;
        }

        pipes = new ServerPipes(connection);
        connection.Channel.Attached = pipes;
        return pipes;
    }

    public void Dispose()
    {
        Input.Complete();
        Output.Complete();
        _stream.Dispose();
    }
}
