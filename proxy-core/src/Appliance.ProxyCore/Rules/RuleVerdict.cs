namespace Appliance.ProxyCore.Rules;

/// <summary>What a rule list decided.</summary>
public enum RuleVerdict
{
    /// <summary>No final rule applied: go on with the next stage.</summary>
    Continue,

    /// <summary><c>allow</c>: the rest of this rule list is skipped; processing goes on (redirects, switching, backend rules).</summary>
    Allow,

    /// <summary><c>deny</c>: answer with the reply and close.</summary>
    Deny,

    /// <summary><c>redirect</c>: answer with the redirect reply.</summary>
    Redirect,

    /// <summary><c>return</c>: answer with the reply.</summary>
    Return,

    /// <summary><c>auth</c>: answer 401 asking for credentials.</summary>
    Auth,

    /// <summary><c>use-service</c>: a service built into the proxy answers (the Prometheus exporter).</summary>
    UseService,
}
