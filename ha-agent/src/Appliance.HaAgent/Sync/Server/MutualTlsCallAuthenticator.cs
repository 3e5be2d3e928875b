using Appliance.HaAgent.Sync.Security;
using Microsoft.AspNetCore.Http;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>
/// Accepts a call whose TLS client certificate chains to the cluster CA. The TLS handshake itself lets any client
/// certificate (or none) through so that the refusal is a gRPC status (UNAUTHENTICATED) the peer can read and this node
/// can log, rather than an anonymous handshake failure; no method runs without this check.
/// </summary>
internal sealed class MutualTlsCallAuthenticator(MutualTlsSecurity security, TimeProvider time) : ICallAuthenticator
{
    public async ValueTask<PeerAuthentication> AuthenticateAsync(HttpContext context, string method)
    {
        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (certificate is null)
        {
            return PeerAuthentication.Refused("no client certificate");
        }

        var failure = ClusterCertificateValidator.Validate(
            certificate, security.ClusterCa, time.GetUtcNow(), ClusterCertificateValidator.ClientAuthentication, expectedName: null);
        return failure is null
            ? PeerAuthentication.Success(ClusterCertificateValidator.NodeName(certificate))
            : PeerAuthentication.Refused(failure);
    }
}
