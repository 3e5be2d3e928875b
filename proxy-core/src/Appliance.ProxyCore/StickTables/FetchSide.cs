namespace Appliance.ProxyCore.StickTables;

/// <summary>What part of a session a fetch reads, which decides the <c>stick</c> rules it may feed.</summary>
internal enum FetchSide
{
    /// <summary>The connection (<c>src</c>, <c>dst</c>, ...) or a constant: usable everywhere, TCP mode included.</summary>
    Connection,

    /// <summary>The HTTP request (headers, cookies, request line).</summary>
    Request,

    /// <summary>The HTTP response (<c>res.cook</c>, <c>res.hdr</c>, <c>status</c>).</summary>
    Response,
}
