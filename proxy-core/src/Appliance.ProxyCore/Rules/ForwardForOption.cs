using System.Net;
using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>option forwardfor [except NETWORK] [header NAME] [if-none]</c>: the forwarder adds the client address to the
/// request in <see cref="Header"/> (default <c>X-Forwarded-For</c>), unless the client is in <see cref="Except"/>,
/// or, with <see cref="IfNone"/>, when the request already has that header.
/// </summary>
public sealed record ForwardForOption(string Header, NetworkPattern? Except, bool IfNone)
{
    public const string DefaultHeader = "X-Forwarded-For";

    public static ForwardForOption Default { get; } = new(DefaultHeader, null, false);

    /// <summary>True when the header is to be added for this request.</summary>
    public bool AppliesTo(IHttpRequestView request) =>
        (Except is null || !Except.Contains(request.ClientAddress))
        && (!IfNone || HeaderValues.Count(request, Header) == 0);

    /// <summary>Adds the header for this request when <see cref="AppliesTo"/>; the value is the client address.</summary>
    public void Apply(IHttpRequestEditor request)
    {
        if (!AppliesTo(request))
        {
            return;
        }

        Span<char> buffer = stackalloc char[64];
        var address = request.ClientAddress;
        if (!address.TryFormat(buffer, out var written))
        {
            request.AddHeader(Header, IPAddress.None.ToString());
            return;
        }

        // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d: send the IPv4 text (without a MapToIPv4 copy).
        var text = buffer[..written];
        request.AddHeader(Header, address.IsIPv4MappedToIPv6 ? text[(text.LastIndexOf(':') + 1)..] : text);
    }
}
