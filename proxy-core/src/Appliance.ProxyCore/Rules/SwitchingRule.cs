using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>use_backend NAME [if|unless COND]</c>. NAME is either a plain backend name (checked at load time) or a log-format
/// string (<c>%[req.hdr(host),lower]</c>) resolved per request; a dynamic name that matches no backend makes the
/// frontend use its <c>default_backend</c> without trying later rules (HAProxy's rule).
/// </summary>
public sealed record SwitchingRule(string? Backend, LogFormatString? DynamicBackend, Condition? Condition, SourceLocation Location)
{
    public bool Applies(in SampleContext context) => Condition is null || Condition.Evaluate(context);
}
