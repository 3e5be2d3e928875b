using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Forwarding.Tcp.Splice;

/// <summary>The global side of splicing, resolved once per configuration.</summary>
/// <param name="Enabled">False with the global <c>nosplice</c> (HAProxy: "Disables the use of kernel tcp splicing").</param>
/// <param name="MaxPipes">Pipes open at most: the global <c>maxpipes</c>, by default (as HAProxy) global maxconn / 4, at least 1.</param>
public readonly record struct SpliceSettings(bool Enabled, int MaxPipes)
{
    public static SpliceSettings From(GlobalConfig global, int maxConn) =>
        new(!global.NoSplice, global.MaxPipes ?? Math.Max(1, maxConn / 4));
}
