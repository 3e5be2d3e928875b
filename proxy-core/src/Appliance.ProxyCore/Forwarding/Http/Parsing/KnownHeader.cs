namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The fields the parsers interpret, recognised once per line so nobody compares names twice.</summary>
public enum KnownHeader : byte
{
    /// <summary>Any field the parsers do not interpret.</summary>
    Other = 0,
    Host,
    ContentLength,
    TransferEncoding,
    Connection,
    Upgrade,
    Expect,
    KeepAlive,
    ProxyConnection,
    TE,
    Trailer,
}
