namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>How a tunnel ended and what it moved, for logs and counters.</summary>
/// <param name="BytesFromClient">Bytes read from the client and written to the server.</param>
/// <param name="BytesFromServer">Bytes read from the server and written to the client.</param>
/// <param name="Termination">
/// <c>null</c> for a clean close of both directions, else what ended it: <c>client</c>, <c>server</c>,
/// <c>client-fin</c>, <c>server-fin</c> or <c>tunnel</c> (an idle timeout), <c>client-reset</c>, <c>server-reset</c>,
/// or <c>aborted</c> (the proxy was stopped).
/// </param>
public readonly record struct TunnelResult(long BytesFromClient, long BytesFromServer, string? Termination);
