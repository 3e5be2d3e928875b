using System.Net;
using Xunit.Abstractions;

namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// The namespace lab (<see cref="Lab"/>) with what the sticky-client tests add: the HTTP servers s1..s4 in the backends'
/// namespace, the client's extra source addresses, and the client population through the VIP. Dispose releases it
/// all (sockets, listeners, then the lab's processes and namespaces), even when the test failed.
/// </summary>
internal sealed class StickyLab : IDisposable
{
    public const int Servers = 4;

    private readonly NamespaceSockets? _backendSockets;

    public StickyLab(ITestOutputHelper output, Func<LabHttpBackends, string> sections, int sourceClients, int cookieClients)
    {
        Lab = new Lab(output);
        try
        {
            _backendSockets = new NamespaceSockets(Lab.NamespaceOf("be"));
            Backends = new LabHttpBackends(_backendSockets, IPAddress.Parse("10.213.0.21"), Servers);
            Lab.ProxySections = sections(Backends);
            Lab.AddClientAddresses(sourceClients);
            ClientSockets = new NamespaceSockets(Lab.NamespaceOf("cl"));
            var sources = StickyClients.LabSourceAddresses(Lab.NamespaceOf("cl"));
            if (sources.Count != sourceClients)
            {
                throw new InvalidOperationException($"lab.sh clients gave {sources.Count} addresses, {sourceClients} asked for");
            }

            Clients = new StickyClients(ClientSockets, VipEndPoint(StickyConfigs.SourcePort), VipEndPoint(StickyConfigs.CookiePort), sources, cookieClients);
            Control = new StickyClients(ClientSockets, VipEndPoint(StickyConfigs.ControlPort), VipEndPoint(StickyConfigs.ControlPort), sources, 0);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Lab Lab { get; }

    /// <summary>Creates sockets in the client's namespace.</summary>
    public NamespaceSockets ClientSockets { get; } = null!;

    public LabHttpBackends Backends { get; } = null!;

    /// <summary>The source-address and cookie clients.</summary>
    public StickyClients Clients { get; } = null!;

    /// <summary>The same source addresses against the control frontend (no persistence).</summary>
    public StickyClients Control { get; } = null!;

    public void Log(string message) => Lab.Log(message);

    public void Dispose()
    {
        ClientSockets?.Dispose();
        Backends?.Dispose();
        _backendSockets?.Dispose();
        Lab.Dispose();
    }

    private static IPEndPoint VipEndPoint(int port) => new(IPAddress.Parse(Lab.Vip), port);
}
