namespace Appliance.ProxyCore.Configuration;

/// <summary>The bind option <c>verify none|optional|required</c>: whether a client certificate is requested and checked.</summary>
public enum ClientCertificateMode
{
    /// <summary>No client certificate is requested (HAProxy's default).</summary>
    None,

    /// <summary>A certificate is requested; a client without one is accepted, a client with an invalid one is refused.</summary>
    Optional,

    /// <summary>A client without a valid certificate (signed by a CA of <c>ca-file</c>) is refused.</summary>
    Required,
}
