using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Logging;

/// <summary>What one frontend logs and where, resolved once from the configuration.</summary>
/// <param name="Line">
/// The line's format: <c>log-format</c>, else <c>option httplog</c>'s (on an HTTP frontend) or <c>option tcplog</c>'s
/// (also <c>option httplog</c> on a TCP frontend, as HAProxy falls back); null = HAProxy's default <c>Connect from</c> line.
/// </param>
/// <param name="DontLogNull"><c>option dontlognull</c>: skip connections whose client sent nothing.</param>
/// <param name="SeparateErrors"><c>option log-separate-errors</c>: errors at <c>err</c> instead of <c>info</c>.</param>
/// <param name="Targets">The frontend's targets, <c>log global</c> expanded, duplicates removed.</param>
/// <param name="Captures">The frontend's <c>capture request/response header</c> lines.</param>
public sealed record FrontendLogPlan(LogLineFormat? Line, bool DontLogNull, bool SeparateErrors, IReadOnlyList<LogTarget> Targets, HeaderCaptures Captures)
{
    /// <summary>The plan of <paramref name="frontend"/>; its targets are empty when it logs nothing.</summary>
    /// <param name="frontend">A frontend or listen section.</param>
    /// <param name="global">The global section, for <c>log global</c>.</param>
    /// <param name="bag">Where problems of <c>log-format</c> and <c>capture</c> lines go (validation); null at run time.</param>
    public static FrontendLogPlan For(ProxyConfig frontend, GlobalConfig global, DiagnosticBag? bag = null)
    {
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

        var options = frontend.Options;
        return new FrontendLogPlan(
            LineFormat(frontend, bag),
            options.Contains("dontlognull"),
            options.Contains("log-separate-errors"),
            targets,
            CaptureConfigParser.Parse(frontend, bag));
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

    /// <summary>
    /// The last <c>log-format</c> line (its own or inherited from defaults) wins over <c>option httplog</c>/<c>tcplog</c>,
    /// with a warning when both are present: the options carry no position here to tell which came last.
    /// </summary>
    private static LogLineFormat? LineFormat(ProxyConfig frontend, DiagnosticBag? bag)
    {
        var options = frontend.Options;
        var http = frontend.Mode == ProxyMode.Http;
        var httplog = options.Contains("httplog") || options.Contains("httpslog");
        var tcplog = options.Contains("tcplog");
        var custom = frontend.DeferredLines.LastOrDefault(l => l.Keyword == "log-format");
        if (custom is null)
        {
            return httplog && http ? LogLineFormat.HttpLog : httplog || tcplog ? LogLineFormat.TcpLog : null;
        }

        var subject = ConfigMessages.ForLogFormat(frontend.Kind, frontend.Name);
        if (custom.Arguments.Count != 1)
        {
            bag?.Error(custom.Location, custom.Arguments.Count == 0 ? ConfigMessages.LogFormatEmpty(subject) : ConfigMessages.LogFormatTooManyArguments(subject, custom.Arguments.Count));
            return null;
        }

        if (httplog || tcplog)
        {
            bag?.Warning(custom.Location, ConfigMessages.LogFormatInheritedOverridesOption(httplog ? "httplog" : "tcplog", custom.Location));
        }

        var format = LogLineFormatParser.Parse(custom.Arguments[0], subject, http, out var error);
        if (error is not null)
        {
            bag?.Error(custom.Location, error);
        }

        return format;
    }
}
