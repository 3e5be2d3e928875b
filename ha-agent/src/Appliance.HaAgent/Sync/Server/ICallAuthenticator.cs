using Appliance.HaAgent.Sync.Security;
using Microsoft.AspNetCore.Http;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>Decides whether a call's peer belongs to the cluster, before its method runs.</summary>
internal interface ICallAuthenticator
{
    ValueTask<PeerAuthentication> AuthenticateAsync(HttpContext context, string method);
}
