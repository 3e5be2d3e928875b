namespace Appliance.HaAgent.Sync.Server;

/// <summary>What a handler knows about its call.</summary>
public sealed class ServerCallContext
{
    private readonly Func<string, string?> _getHeader;

    internal ServerCallContext(string method, string peer, string peerIdentity, DateTimeOffset? deadline, Func<string, string?> getHeader, CancellationToken cancellationToken)
    {
        Method = method;
        Peer = peer;
        PeerIdentity = peerIdentity;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        _getHeader = getHeader;
    }

    /// <summary>The method's full name, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    /// <summary>The client's address and port.</summary>
    public string Peer { get; }

    /// <summary>The authenticated identity: the node name of the client's certificate, or <c>psk</c>.</summary>
    public string PeerIdentity { get; }

    /// <summary>When the call's <c>grpc-timeout</c> runs out; null when the client gave none.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Cancelled when the client resets the stream (cancels) or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A request header (custom metadata) by lower-case name; null when absent.</summary>
    public string? GetRequestHeader(string name) => _getHeader(name);
}
