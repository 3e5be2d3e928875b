using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Validation;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// Checks every <c>log</c> line with <see cref="LogTargetParser"/> (address form, <c>len</c>, <c>format</c>, levels),
/// <c>log global</c> (proxies only, no arguments; like HAProxy, silent when the global section has no target), each
/// frontend's <c>log-format</c> and <c>capture</c> lines (through <see cref="FrontendLogPlan.For"/>, as the access log
/// reads them), and warns that <c>log-format-sd</c> and <c>error-log-format</c> are not applied.
/// </summary>
public sealed class LogTargetValidator : IConfigValidator
{
    private static readonly string[] CustomFormatKeywords = ["log-format-sd", "error-log-format"];

    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        foreach (var line in config.Global.Logs)
        {
            if (line.Target == "global")
            {
                bag.Error(line.Location, ConfigMessages.LogGlobalInGlobal());
                continue;
            }

            Check(line, bag);
        }

        foreach (var proxy in config.Proxies)
        {
            foreach (var line in proxy.Logs)
            {
                if (line.Target != "global")
                {
                    Check(line, bag);
                }
                else if (line.Arguments.Count > 0)
                {
                    bag.Error(line.Location, ConfigMessages.LogGlobalWithArguments(line.Arguments[0]));
                }
            }

            if (proxy.IsFrontend && !proxy.Disabled)
            {
                FrontendLogPlan.For(proxy, config.Global, bag);
            }

            foreach (var deferred in proxy.DeferredLines.Where(l => Array.IndexOf(CustomFormatKeywords, l.Keyword) >= 0))
            {
                bag.Warning(deferred.Location, ConfigMessages.LogFormatNotSupported(deferred.Keyword));
            }
        }
    }

    private static void Check(LogTargetConfig line, DiagnosticBag bag)
    {
        LogTargetParser.Parse(line, out var error, out var warning);
        if (error is not null)
        {
            bag.Error(line.Location, error);
        }

        if (warning is not null)
        {
            bag.Warning(line.Location, warning);
        }
    }
}
