using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The frontend-to-backend part of an exchange, in HAProxy's order: the frontend's http-request and redirect rules,
/// the switching rules (<c>use_backend</c>, else <c>default_backend</c>), <c>option forwardfor</c>, then the backend's
/// http-request rules. The request is materialised as text only when some rule or option needs it.
/// </summary>
internal sealed class RequestRouting
{
    private readonly HttpClientConnection _client;

    public RequestRouting(HttpClientConnection client, RequestMessage message, HttpTransaction transaction)
    {
        _client = client;
        Message = message;
        Transaction = transaction;
    }

    public RequestMessage Message { get; }

    public HttpTransaction Transaction { get; }

    /// <summary>Routes the current request: a backend to forward to, or a reply to send instead (or neither: 503).</summary>
    public (BackendModel? Backend, HttpReply? Reply) Route()
    {
        Message.Unload();
        Transaction.Reset();
        var frontend = _client.Frontend;
        var frontendRules = frontend.Config.HttpRules;
        var backend = frontend.DefaultBackend;
        if (Uses(frontendRules))
        {
            Load();
            var outcome = frontendRules.ApplyRequestRules(Message, Transaction);
            if (outcome.Replies)
            {
                return (null, outcome.Reply);
            }

            if (frontendRules.ResolveBackend(Transaction) is { } name)
            {
                backend = _client.Context.Backends.GetValueOrDefault(name) ?? backend;
            }
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
                return (backend, outcome.Reply);
            }
        }

        return (backend, null);
    }

    /// <summary>The rule sets whose response rules apply, backend first then frontend (HAProxy's order).</summary>
    public IEnumerable<HttpRuleSet> ResponseRuleSets(BackendModel backend)
    {
        if (!ReferenceEquals(backend.Config, _client.Frontend.Config) && backend.Config.HttpRules.ResponseRules.Count > 0)
        {
            yield return backend.Config.HttpRules;
        }

        if (_client.Frontend.Config.HttpRules.ResponseRules.Count > 0)
        {
            yield return _client.Frontend.Config.HttpRules;
        }
    }

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
