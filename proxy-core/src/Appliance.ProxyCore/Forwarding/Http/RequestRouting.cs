using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Rules;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The frontend-to-backend part of an exchange, in HAProxy's order: the frontend's http-request and redirect rules,
/// the switching rules (<c>use_backend</c>, else <c>default_backend</c>), <c>option forwardfor</c>, then the backend's
/// http-request rules. The rule view of the request is loaded only when some rule or option needs it. After each proxy's
/// rules, a request for its stats URI (or one a <c>use-service</c> rule took) goes to <see cref="Service"/> instead.
/// </summary>
internal sealed class RequestRouting
{
    private HttpClientConnection _client;

    public RequestRouting(HttpClientConnection client, RequestMessage message, HttpTransaction transaction)
    {
        _client = client;
        Message = message;
        Transaction = transaction;
    }

    public RequestMessage Message { get; }

    /// <summary>Moves the routing (a pooled exchange's) to another client connection of the same frontend.</summary>
    public void Bind(HttpClientConnection client)
    {
        _client = client;
        Message.Bind(client.Info);
    }

    /// <summary>Forgets the client connection (the exchange went back to its pool; <see cref="Bind"/> comes first next time).</summary>
    public void Detach()
    {
        _client = null!;
        Message.Bind(null!);
    }

    public HttpTransaction Transaction { get; }

    /// <summary>The built-in service that takes the current request, if any (then Route returns no backend to forward to).</summary>
    public StatsTarget? Service { get; private set; }

    /// <summary>Routes the current request: a backend to forward to, or a reply to send instead (or neither: 503).</summary>
    public (BackendModel? Backend, HttpReply? Reply) Route()
    {
        Message.Unload();
        Transaction.Reset();
        Service = null;
        var frontend = _client.Frontend;
        var frontendRules = frontend.Config.HttpRules;
        var backend = frontend.DefaultBackend;
        if (Uses(frontendRules))
        {
            Load();
            var outcome = frontendRules.ApplyRequestRules(Message, Transaction);
            if (outcome.Replies)
            {
                CountDenied(outcome, null);
                return (null, outcome.Reply);
            }

            if (outcome.UsesService)
            {
                Service = new StatsTarget(StatsTargetKind.Prometheus, frontend.Config);
                return (null, null);
            }

            if (IsStatsRequest(frontend.Config))
            {
                return (null, null);
            }

            if (frontendRules.ResolveBackend(Transaction) is { } name)
            {
                backend = _client.Context.Backends.GetValueOrDefault(name) ?? backend;
            }
        }

        else if (IsStatsRequest(frontend.Config))
        {
            return (null, null);
        }

        if (backend is null)
        {
            return (null, null);
        }

        Transaction.BackendName = backend.Name;
        var forwardFor = frontend.Config.ForwardFor ?? backend.Config.ForwardFor;
        if (forwardFor is not null)
        {
            Load();
            forwardFor.Apply(Message);
        }

        // A listen section is its own backend: its rules ran once already.
        var backendRules = backend.Config.HttpRules;
        if (!ReferenceEquals(backend.Config, frontend.Config) && Uses(backendRules))
        {
            Load();
            var outcome = backendRules.ApplyRequestRules(Message, Transaction);
            if (outcome.Replies)
            {
                CountDenied(outcome, backend);
                return (backend, outcome.Reply);
            }

            if (outcome.UsesService)
            {
                Service = new StatsTarget(StatsTargetKind.Prometheus, backend.Config);
                return (backend, null);
            }
        }

        // A backend's own stats page is checked after its rules; the caller sees it in Service.
        if (!ReferenceEquals(backend.Config, frontend.Config))
        {
            _ = IsStatsRequest(backend.Config);
        }

        return (backend, null);
    }

    /// <summary>
    /// The rule sets whose response rules apply, backend first then frontend (HAProxy's order); null where none apply
    /// (a pair, not an iterator: nothing is allocated per response).
    /// </summary>
    public (HttpRuleSet? Backend, HttpRuleSet? Frontend) ResponseRuleSets(BackendModel backend) => (
        !ReferenceEquals(backend.Config, _client.Frontend.Config) && backend.Config.HttpRules.ResponseRules.Count > 0 ? backend.Config.HttpRules : null,
        _client.Frontend.Config.HttpRules.ResponseRules.Count > 0 ? _client.Frontend.Config.HttpRules : null);

    /// <summary>
    /// HAProxy's stats check after a proxy's rules: with <c>stats</c> lines, a GET/HEAD/POST whose path starts with the
    /// stats URI (as rewritten by the rules, if they loaded the request) is taken by the stats page.
    /// </summary>
    private bool IsStatsRequest(ProxyConfig proxy)
    {
        if (proxy.Stats is not { } stats)
        {
            return false;
        }

        var request = _client.Request;
        var matches = Message.IsLoaded
            ? StatsUri.IsStatsMethod(Message.Method) && StatsUri.Matches(StatsUri.PathOf(Message.Url), stats.Uri)
            : request.Method is HttpMethodKind.Get or HttpMethodKind.Head or HttpMethodKind.Post && StatsUri.Matches(request.PathAndQuery, stats.Uri);
        if (!matches)
        {
            return false;
        }

        Load();
        Service = new StatsTarget(StatsTargetKind.Page, proxy);
        return true;
    }

    /// <summary>HAProxy counts a deny on the frontend, and on the backend once one is chosen (dreq).</summary>
    private void CountDenied(RuleOutcome outcome, BackendModel? backend)
    {
        if (outcome.Verdict == RuleVerdict.Deny)
        {
            _client.Frontend.Traffic.RequestDenied();
            backend?.Traffic.RequestDenied();
        }
    }

    /// <summary>Makes <see cref="Transaction"/>'s request view readable (rules that ran may have loaded it already).</summary>
    public void EnsureLoaded() => Load();

    private static bool Uses(HttpRuleSet rules) =>
        rules.RequestRules.Count > 0 || rules.RedirectRules.Count > 0 || rules.SwitchingRules.Count > 0;

    private void Load()
    {
        if (!Message.IsLoaded)
        {
            Message.Load(_client.Request);
        }
    }
}
