using System.Net;
using Appliance.HaAgent.Discovery;

namespace Appliance.HaAgent.Tests.Discovery;

/// <summary>A registration like a node's, peers' endpoints, and a helper that runs pure logic from deadline to deadline.</summary>
internal static class MdnsFixtures
{
    public static readonly IPEndPoint Peer = new(IPAddress.Parse("10.213.0.12"), MdnsConstants.Port);

    public static ServiceRegistration Registration(string node = "lb1", string address = "10.213.0.11", ushort port = 7400) => new(
        node, "_appliance._tcp", node, port,
        [new("cluster", "c1"), new("node", node), new("sync", port.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        [IPAddress.Parse(address)]);

    /// <summary>Calls OnTimer at each deadline until <paramref name="until"/>; returns what was sent and when.</summary>
    public static List<(TimeSpan At, MdnsOutgoing Send)> RunUntil(MdnsResponder responder, TimeSpan until)
    {
        var sent = new List<(TimeSpan, MdnsOutgoing)>();
        while (responder.NextDeadline is { } next && next <= until)
        {
            sent.AddRange(responder.OnTimer(next).Select(s => (next, s)));
        }

        return sent;
    }

    /// <summary>A responder that has probed and announced (first probe at 0 with random 0), at 1.75 s.</summary>
    public static MdnsResponder Announced(ServiceRegistration? registration = null)
    {
        var responder = new MdnsResponder(registration ?? Registration(), new Appliance.Tests.Common.FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        RunUntil(responder, TimeSpan.FromSeconds(2));
        Assert.Equal(ResponderState.Announced, responder.State);
        return responder;
    }

    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    public static DnsMessage Query(DnsName name, DnsRecordType type, bool unicast = false, IReadOnlyList<DnsRecord>? known = null) =>
        DnsMessage.Query([new DnsQuestion(name, type, unicast)], known);
}
