namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// HAProxy's "missing timeouts" warning, same rule: a frontend side needs <c>timeout client</c>; a backend side with
/// servers needs <c>timeout connect</c> and <c>timeout server</c> (in TCP mode <c>timeout tunnel</c> may stand in for
/// the latter). Zero counts as missing, since it means "wait forever". Disabled proxies are skipped.
/// </summary>
public sealed class MissingTimeoutValidator : IConfigValidator
{
    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        foreach (var proxy in config.Proxies.Where(p => !p.Disabled))
        {
            var t = proxy.Timeouts;
            var missing = new List<string>();
            if (proxy.IsFrontend && !IsSet(t.Client))
            {
                missing.Add("client");
            }

            if (proxy.IsBackend && proxy.Servers.Count > 0)
            {
                if (!IsSet(t.Connect))
                {
                    missing.Add("connect");
                }

                if (!IsSet(t.Server) && (proxy.Mode == ProxyMode.Http || !IsSet(t.Tunnel)))
                {
                    missing.Add("server");
                }
            }

            if (missing.Count > 0)
            {
                bag.Warning(proxy.Location, ConfigMessages.MissingTimeouts(proxy.Kind, proxy.Name, missing));
            }
        }
    }

    private static bool IsSet(TimeSpan? value) => value is { } v && v > TimeSpan.Zero;
}
