namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// Within one backend, server names must differ (stats, the CLI and the agent address servers by name) and so must
/// their <c>cookie</c> values (cookie persistence maps a value to exactly one server).
/// </summary>
public sealed class ServerUniquenessValidator : IConfigValidator
{
    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        foreach (var proxy in config.Backends)
        {
            var where = ConfigMessages.InSection(proxy.Kind, proxy.Name);
            var byName = new Dictionary<string, ServerConfig>(StringComparer.Ordinal);
            var byCookie = new Dictionary<string, ServerConfig>(StringComparer.Ordinal);
            foreach (var server in proxy.Servers)
            {
                if (!byName.TryAdd(server.Name, server))
                {
                    bag.Error(server.Location, ConfigMessages.DuplicateServer(server.Name, where, byName[server.Name].Location));
                }

                if (server.Cookie is { } cookie && !byCookie.TryAdd(cookie, server))
                {
                    var other = byCookie[cookie];
                    bag.Error(server.Location, ConfigMessages.DuplicateCookie(server.Name, where, cookie, other.Name, other.Location));
                }
            }
        }
    }
}
