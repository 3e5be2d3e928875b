namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>auth [realm R]</c>: answers 401 with <c>WWW-Authenticate: Basic realm="R"</c> (RFC 7617). The realm defaults to
/// the proxy's name, as in HAProxy. Checking credentials (userlists) belongs to the stats stage.
/// </summary>
public sealed class AuthAction : HttpAction
{
    public AuthAction(string realm)
    {
        Realm = realm;
        Reply = new HttpReply(401, null, null, [new("WWW-Authenticate", $"Basic realm=\"{realm}\"")]);
    }

    public override string Name => "auth";

    public override bool IsFinal => true;

    public string Realm { get; }

    public HttpReply Reply { get; }

    public override RuleOutcome Execute(in ActionTarget target) => new(RuleVerdict.Auth, Reply);
}
