using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Health;

/// <summary>Where a check connects: an address (or a host name to resolve at check time) and a port.</summary>
/// <param name="Address">The address to use; <c>null</c> when <paramref name="Host"/> must be resolved.</param>
/// <param name="Host">The host as written in the configuration (an IP literal or a name).</param>
/// <param name="Port">The TCP port.</param>
public sealed record CheckTarget(IPAddress? Address, string Host, int Port)
{
    /// <summary>
    /// The regular check's target: the <c>addr</c> keyword, else the server's address; the <c>port</c> keyword, else the
    /// server's port. A server without either port cannot be checked; HAProxy disables the check with a warning.
    /// </summary>
    public static bool TryForCheck(string backend, ServerConfig server, [NotNullWhen(true)] out CheckTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        error = null;
        var port = server.CheckPort ?? server.Port;
        if (port is not { } p || p <= 0)
        {
            error = $"{server.Location}: warning: 'server {backend}/{server.Name}' has neither a service port nor a check 'port': health check disabled";
            return false;
        }

        target = server.CheckAddress is { } addr
            ? new CheckTarget(addr, addr.ToString(), p)
            : new CheckTarget(server.Address, server.Host, p);
        return true;
    }

    /// <summary>
    /// The agent's target: <c>agent-addr</c> (address or name), else the <c>addr</c> keyword, else the server's address;
    /// the port is <c>agent-port</c>, which HAProxy requires.
    /// </summary>
    public static bool TryForAgent(string backend, ServerConfig server, [NotNullWhen(true)] out CheckTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        error = null;
        if (server.Agent is not { } agent)
        {
            error = $"{server.Location}: warning: 'server {backend}/{server.Name}' has no 'agent-check': agent disabled";
            return false;
        }

        if (agent.Port is <= 0 or > 65535)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"{server.Location}: warning: 'server {backend}/{server.Name}' 'agent-check' expects 'agent-port' 1..65535 (got {agent.Port}): agent disabled");
            return false;
        }

        target = agent switch
        {
            { Address: { } a } => new CheckTarget(a, a.ToString(), agent.Port),
            { Host: { } h } => new CheckTarget(IPAddress.TryParse(h, out var parsed) ? parsed : null, h, agent.Port),
            _ when server.CheckAddress is { } addr => new CheckTarget(addr, addr.ToString(), agent.Port),
            _ => new CheckTarget(server.Address, server.Host, agent.Port),
        };
        return true;
    }

    public override string ToString()
    {
        var host = Address?.ToString() ?? Host;

        // An IPv6 literal needs brackets so its colons are not read as the port separator.
        return host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{Port}" : $"{host}:{Port}";
    }
}
