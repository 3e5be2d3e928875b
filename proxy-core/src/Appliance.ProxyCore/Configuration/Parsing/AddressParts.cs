using System.Net.Sockets;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>An address split into its host and port text, before either is checked.</summary>
/// <param name="Family">Forced by an <c>ipv4@</c>/<c>ipv6@</c> prefix; <see cref="AddressFamily.Unspecified"/> otherwise.</param>
/// <param name="Port">The text after the port separator; null when the address has no port.</param>
internal sealed record AddressParts(string Host, string? Port, AddressFamily Family);
