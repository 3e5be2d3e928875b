using System.Net;
using System.Net.Http.Headers;
using Appliance.HaAgent.Sync.Grpc;

namespace Appliance.HaAgent.Sync.Client;

/// <summary>
/// A request body written message by message while the call runs (client and bidirectional streaming): the handler
/// hands over its request stream and waits until <see cref="Complete"/> ends it (END_STREAM).
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushStreamContent()
    {
        Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
    }

    /// <summary>The request stream, once the handler has sent the request headers.</summary>
    public Task<Stream> Stream => _stream.Task;

    /// <summary>Ends the request stream.</summary>
    public void Complete() => _done.TrySetResult();

    /// <summary>Abandons the request stream (the call is over).</summary>
    public void Abort() => _done.TrySetCanceled();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _done.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
