using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Validation;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// HAProxy's warnings for rules that do not run in the order written: a <c>redirect</c> after a <c>use_backend</c>, an
/// <c>http-request</c> after a <c>redirect</c> or <c>use_backend</c> (each still runs before), and any
/// <c>http-request</c>/<c>http-response</c> rule after an unconditional final one of its list (it never runs).
/// TCP-mode proxies are skipped: their HTTP rules do not run at all, which <see cref="HttpModeValidator"/> reports.
/// </summary>
internal sealed class PlacementChecker(ProxyConfig proxy, DiagnosticBag bag)
{
    private readonly bool _enabled = proxy.Mode == ProxyMode.Http;
    private readonly Dictionary<string, HttpRule> _finalRules = new(StringComparer.Ordinal);
    private SourceLocation? _firstUseBackend;
    private SourceLocation? _firstRedirect;

    /// <summary>Called for every use_backend, redirect, http-request and http-response line, parsed or not.</summary>
    public void Saw(ConfigLine line)
    {
        if (!_enabled)
        {
            return;
        }

        var where = BackendReferenceValidator.Where(proxy, line.Location);
        switch (line.Keyword)
        {
            case "use_backend":
                _firstUseBackend ??= line.Location;
                break;
            case "redirect":
                _firstRedirect ??= line.Location;
                if (_firstUseBackend is { } useBackend)
                {
                    bag.Warning(line.Location, ConfigMessages.MisplacedRule("redirect", where, "use_backend", useBackend));
                }

                break;
            case "http-request":
                if (_firstRedirect is { } redirect)
                {
                    bag.Warning(line.Location, ConfigMessages.MisplacedRule("http-request", where, "redirect", redirect));
                }
                else if (_firstUseBackend is { } earlier)
                {
                    bag.Warning(line.Location, ConfigMessages.MisplacedRule("http-request", where, "use_backend", earlier));
                }

                break;
        }

        if (_finalRules.TryGetValue(line.Keyword, out var final))
        {
            bag.Warning(line.Location, ConfigMessages.UnreachableRule(line.Keyword, where, $"{final.Keyword} {final.Action.Name}", final.Location));
        }
    }

    /// <summary>Called for each compiled http-request/http-response rule, after <see cref="Saw"/>.</summary>
    public void Compiled(HttpRule rule)
    {
        if (_enabled && rule.Condition is null && rule.Action.IsFinal)
        {
            _finalRules.TryAdd(rule.Keyword, rule);
        }
    }
}
