namespace Appliance.ProxyCore.Acl;

/// <summary>The request-line values <see cref="RequestLineFetch"/> reads.</summary>
public enum RequestLineValue
{
    /// <summary><c>path</c>: from the first slash up to the <c>?</c>.</summary>
    Path,

    /// <summary><c>url</c>: the target as received.</summary>
    Url,

    /// <summary><c>query</c>: after the <c>?</c>.</summary>
    Query,

    /// <summary><c>method</c>.</summary>
    Method,

    /// <summary><c>req.ver</c>: <c>1.0</c>, <c>1.1</c>.</summary>
    Version,

    /// <summary><c>req.proto_http</c>: an HTTP request was parsed.</summary>
    IsHttp,
}
