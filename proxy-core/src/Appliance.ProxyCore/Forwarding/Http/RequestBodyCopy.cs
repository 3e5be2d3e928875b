namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The request body's copy, which runs while the response is read: its result when it was done at once (a request
/// without a body, the usual case, costs no allocation), or the task still running. Unlike a ValueTask, it may be
/// looked at and awaited more than once.
/// </summary>
internal readonly struct RequestBodyCopy
{
    private readonly BodyCopyResult _result;
    private readonly Task<BodyCopyResult>? _running;

    public RequestBodyCopy(BodyCopyResult result) => _result = result;

    public RequestBodyCopy(Task<BodyCopyResult> running) => _running = running;

    public bool IsCompleted => _running is null || _running.IsCompleted;

    public ValueTask<BodyCopyResult> ResultAsync() => _running is null ? new(_result) : new(_running);
}
