using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Forwarding.Tcp.Splice;

/// <summary>The global side of splicing, resolved once per configuration.</summary>
/// <param name="Enabled">False with the global <c>nosplice</c> (HAProxy: "Disables the use of kernel tcp splicing").</param>
/// <param name="MaxPipes">HAProxy's default <c>maxpipes</c>: global maxconn / 4, at least 1.</param>
public readonly record struct SpliceSettings(bool Enabled, int MaxPipes)
{
    public const string NoSpliceKeyword = "nosplice";

    public static SpliceSettings From(GlobalConfig global, int maxConn) =>
        new(!global.DeferredLines.Any(l => l.Keyword == NoSpliceKeyword), Math.Max(1, maxConn / 4));
}
