using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// The compiled HTTP rules of one proxy, immutable and shared by all its connections. HAProxy's order, which the
/// forwarder follows: frontend <see cref="ApplyRequestRules"/> (http-request rules, then redirect rules), then
/// <see cref="ResolveBackend"/>, then the backend's <see cref="ApplyRequestRules"/>; for responses the backend's
/// <see cref="ApplyResponseRules"/> then the frontend's. A listen section plays both parts with one rule set.
/// Evaluation allocates nothing unless a rule replies or rewrites with back-references.
/// </summary>
public sealed class HttpRuleSet
{
    private readonly HttpRule[] _requestRules;
    private readonly HttpRule[] _redirectRules;
    private readonly SwitchingRule[] _switchingRules;
    private readonly HttpRule[] _responseRules;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _backends;

    public HttpRuleSet(
        IReadOnlyDictionary<string, AclDefinition> acls,
        IReadOnlyList<HttpRule> requestRules,
        IReadOnlyList<HttpRule> redirectRules,
        IReadOnlyList<SwitchingRule> switchingRules,
        IReadOnlyList<HttpRule> responseRules,
        string? defaultBackend,
        ForwardForOption? forwardFor,
        IReadOnlyDictionary<int, ErrorFile> errorFiles,
        IEnumerable<string> backendNames)
    {
        Acls = acls;
        _requestRules = [.. requestRules];
        _redirectRules = [.. redirectRules];
        _switchingRules = [.. switchingRules];
        _responseRules = [.. responseRules];
        DefaultBackend = defaultBackend;
        ForwardFor = forwardFor;
        ErrorFiles = errorFiles;
        _backends = new HashSet<string>(backendNames, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A proxy without ACLs, rules, forwardfor or error files.</summary>
    public static HttpRuleSet Empty { get; } = new(new Dictionary<string, AclDefinition>(), [], [], [], [], null, null, new Dictionary<int, ErrorFile>(), []);

    /// <summary>The named ACLs declared in the proxy (not the predefined ones), by name.</summary>
    public IReadOnlyDictionary<string, AclDefinition> Acls { get; }

    /// <summary>The <c>http-request</c> rules in file order.</summary>
    public IReadOnlyList<HttpRule> RequestRules => _requestRules;

    /// <summary>The <c>redirect</c> rules in file order; they run after every http-request rule.</summary>
    public IReadOnlyList<HttpRule> RedirectRules => _redirectRules;

    /// <summary>The <c>use_backend</c> rules in file order.</summary>
    public IReadOnlyList<SwitchingRule> SwitchingRules => _switchingRules;

    /// <summary>The <c>http-response</c> rules in file order.</summary>
    public IReadOnlyList<HttpRule> ResponseRules => _responseRules;

    /// <summary>The <c>default_backend</c>; null when there is none.</summary>
    public string? DefaultBackend { get; }

    /// <summary><c>option forwardfor</c> with its arguments; null when the option is off.</summary>
    public ForwardForOption? ForwardFor { get; }

    /// <summary>The <c>errorfile</c> responses by status code (own lines override those of the defaults section).</summary>
    public IReadOnlyDictionary<int, ErrorFile> ErrorFiles { get; }

    /// <summary>
    /// The backend of the first <c>use_backend</c> rule that applies, else <see cref="DefaultBackend"/>; null when
    /// neither gives one (the forwarder answers 503). A dynamic name that names no backend ends the search with the
    /// default backend, as in HAProxy. The returned string is the configured backend name (no allocation).
    /// </summary>
    public string? ResolveBackend(HttpTransaction transaction)
    {
        var context = transaction.Samples;
        foreach (var rule in _switchingRules)
        {
            if (!rule.Applies(context))
            {
                continue;
            }

            if (rule.Backend is not null)
            {
                return rule.Backend;
            }

            var name = transaction.Render(rule.DynamicBackend!);
            return _backends.TryGetValue(name, out var backend) ? backend : DefaultBackend;
        }

        return DefaultBackend;
    }

    /// <summary>
    /// Runs the http-request rules, then the redirect rules, against <paramref name="request"/> (which must be
    /// <paramref name="transaction"/>'s request). <c>allow</c> skips the remaining http-request rules only.
    /// </summary>
    public RuleOutcome ApplyRequestRules(IHttpRequestEditor request, HttpTransaction transaction)
    {
        var target = new ActionTarget(transaction, request, request, null);
        var outcome = Run(_requestRules, target);
        if (outcome.Replies || outcome.UsesService)
        {
            return outcome;
        }

        var redirect = Run(_redirectRules, target);
        return redirect.Replies ? redirect : outcome;
    }

    /// <summary>Runs the http-response rules against <paramref name="response"/>; set <see cref="HttpTransaction.Response"/> first.</summary>
    public RuleOutcome ApplyResponseRules(IHttpResponseEditor response, HttpTransaction transaction) =>
        Run(_responseRules, new ActionTarget(transaction, response, null, response));

    private static RuleOutcome Run(HttpRule[] rules, in ActionTarget target)
    {
        foreach (var rule in rules)
        {
            if (!rule.Applies(target.Transaction.Samples))
            {
                continue;
            }

            var outcome = rule.Action.Execute(target);
            if (outcome.Verdict != RuleVerdict.Continue)
            {
                return outcome;
            }
        }

        return RuleOutcome.Continue;
    }
}
