using System.Net;

namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// One <c>bind</c> address. <c>*:P</c> and <c>:P</c> listen on every IPv4 address; <c>[::]:P</c> on every IPv6 (and
/// IPv4-mapped) address. A bind line with a comma-separated list yields one <see cref="BindConfig"/> per address.
/// </summary>
/// <param name="Address">The address to listen on; <see cref="IPAddress.Any"/> for <c>*</c> or an empty host.</param>
/// <param name="Port">1..65535.</param>
/// <param name="Options">The words after the address (<c>ssl crt FILE</c>, <c>alpn</c>, ...), verbatim.</param>
public sealed record BindConfig(IPAddress Address, int Port, IReadOnlyList<string> Options, SourceLocation Location)
{
    public IPEndPoint EndPoint => new(Address, Port);

    /// <summary>TLS termination parsed from <see cref="Options"/> (and the global <c>ssl-default-bind-*</c>); null without <c>ssl</c>.</summary>
    public BindTlsConfig? Tls { get; init; }

    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{Address}]:{Port}"
        : $"{Address}:{Port}";
}
