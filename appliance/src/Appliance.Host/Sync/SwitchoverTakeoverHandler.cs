using Appliance.HaAgent.Sync.Node;
using Appliance.Host.Switchover;

namespace Appliance.Host.Sync;

/// <summary>The receiving side of a Takeover RPC: this backup runs at the takeover priority for the master's hold.</summary>
internal sealed class SwitchoverTakeoverHandler : ITakeoverHandler
{
    private readonly string _nodeName;
    private readonly SwitchoverCoordinator _switchover;

    public SwitchoverTakeoverHandler(string nodeName, SwitchoverCoordinator switchover)
    {
        _nodeName = nodeName;
        _switchover = switchover;
    }

    public async Task<TakeoverResult> TakeOverAsync(TakeoverRequest request, CancellationToken cancellationToken)
    {
        var reply = await _switchover.AcceptTakeoverAsync(request.Hold).ConfigureAwait(false);
        return new TakeoverResult(_nodeName, reply.Accepted, reply.Message);
    }

    public async Task<TakeoverResult> ReleaseAsync(string from, CancellationToken cancellationToken)
    {
        var result = await _switchover.ReleaseAsync().ConfigureAwait(false);
        return new TakeoverResult(_nodeName, result.Succeeded, string.Join("; ", result.Lines));
    }
}
