using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Logging;

/// <summary>What one frontend logs and where, resolved once from the configuration.</summary>
/// <param name="Format">The line format.</param>
/// <param name="DontLogNull"><c>option dontlognull</c>: skip connections whose client sent nothing.</param>
/// <param name="SeparateErrors"><c>option log-separate-errors</c>: errors at <c>err</c> instead of <c>info</c>.</param>
/// <param name="Targets">The frontend's targets, <c>log global</c> expanded, duplicates removed.</param>
public sealed record FrontendLogPlan(AccessLogFormat Format, bool DontLogNull, bool SeparateErrors, IReadOnlyList<LogTarget> Targets)
{
    /// <summary>The plan of <paramref name="frontend"/>; its targets are empty when it logs nothing.</summary>
    /// <param name="frontend">A frontend or listen section.</param>
    /// <param name="global">The global section, for <c>log global</c>.</param>
    public static FrontendLogPlan For(ProxyConfig frontend, GlobalConfig global)
    {
        var options = frontend.Options;
        var format = (options.Contains("httplog") || options.Contains("httpslog")) && frontend.Mode == ProxyMode.Http
            ? AccessLogFormat.Http
            : options.Contains("tcplog") || options.Contains("httplog") || options.Contains("httpslog")
                ? AccessLogFormat.Tcp
                : AccessLogFormat.Default;
        var targets = new List<LogTarget>();
        foreach (var line in frontend.Logs)
        {
            foreach (var resolved in line.Target == "global" ? global.Logs : [line])
            {
                if (LogTargetParser.Parse(resolved, out _, out _) is { } target && !targets.Contains(target))
                {
                    targets.Add(target);
                }
            }
        }

        return new FrontendLogPlan(format, options.Contains("dontlognull"), options.Contains("log-separate-errors"), targets);
    }

    /// <summary>Every distinct target of the configuration: the global ones, then each frontend's own, in file order.</summary>
    public static IReadOnlyList<LogTarget> AllTargets(ApplianceConfig config)
    {
        var all = new List<LogTarget>();
        foreach (var line in config.Global.Logs)
        {
            if (LogTargetParser.Parse(line, out _, out _) is { } target && !all.Contains(target))
            {
                all.Add(target);
            }
        }

        foreach (var frontend in config.Frontends.Where(f => !f.Disabled))
        {
            all.AddRange(For(frontend, config.Global).Targets.Where(t => !all.Contains(t)));
        }

        return all;
    }
}
