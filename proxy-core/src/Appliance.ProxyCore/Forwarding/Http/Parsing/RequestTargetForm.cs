namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The four forms of request-target (RFC 9112 §3.2).</summary>
public enum RequestTargetForm
{
    /// <summary><c>/path?query</c>: every method but CONNECT.</summary>
    Origin,

    /// <summary><c>http://host:port/path?query</c> (http or https only): every method but CONNECT.</summary>
    Absolute,

    /// <summary><c>host:port</c>: CONNECT only, and CONNECT only takes this form.</summary>
    Authority,

    /// <summary><c>*</c>: OPTIONS only.</summary>
    Asterisk,
}
