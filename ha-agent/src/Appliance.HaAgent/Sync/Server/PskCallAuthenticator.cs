using Appliance.HaAgent.Sync.Security;
using Microsoft.AspNetCore.Http;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>Accepts a call whose <c>authorization</c> header carries a valid, fresh, unused PSK credential for its method.</summary>
internal sealed class PskCallAuthenticator(PskVerifier verifier) : ICallAuthenticator
{
    public ValueTask<PeerAuthentication> AuthenticateAsync(HttpContext context, string method)
    {
        var headers = context.Request.Headers[PskAuthorization.HeaderName];
        var header = headers.Count == 1 ? headers[0] : null;
        return ValueTask.FromResult(headers.Count > 1
            ? PeerAuthentication.Refused("more than one authorization header")
            : verifier.Verify(header, method));
    }
}
