using System.Net;
using Appliance.HaAgent.Discovery;
using Appliance.Tests.Common;
using static Appliance.HaAgent.Tests.Discovery.MdnsFixtures;

namespace Appliance.HaAgent.Tests.Discovery;

public sealed class MdnsBrowserTests
{
    private static readonly DnsName Service = DnsSamples.Service;
    private static readonly DnsName Instance = DnsSamples.Instance;
    private static readonly DnsName Host = DnsSamples.Host;

    [Fact]
    public void Start_RunAMinute_QueriesAfter20MsThenAtDoublingIntervalsUpToTheCap()
    {
        var browser = new MdnsBrowser(Service, new FixedRandom(0), maxQueryInterval: TimeSpan.FromSeconds(16));
        browser.Start(TimeSpan.Zero);

        var sent = Run(browser, TimeSpan.FromSeconds(60));

        Assert.Equal(
            Seconds(0.02, 1.02, 3.02, 7.02, 15.02, 31.02, 47.02),
            sent.Select(s => s.At));
        Assert.All(sent, s => Assert.Equal([(Service, DnsRecordType.Ptr, false)], s.Send.Message.Questions.Select(q => (q.Name, q.Type, q.UnicastResponse))));
    }

    [Fact]
    public void OnMessage_ResponseWithPtrSrvTxtA_FoundWithEveryField()
    {
        var browser = Started();

        var step = browser.OnMessage(DnsSamples.Response, Peer, TimeSpan.FromSeconds(1));

        var found = Assert.Single(step.Events);
        Assert.Equal(ServiceEventKind.Found, found.Kind);
        Assert.Equal(Instance, found.Service.Name);
        Assert.Equal("lb1", found.Service.Instance);
        Assert.Equal(Host, found.Service.Host);
        Assert.Equal(7400, found.Service.Port);
        Assert.Equal([IPAddress.Parse("10.213.0.11")], found.Service.Addresses);
        Assert.Equal("c1", found.Service.Txt["cluster"]);
        Assert.Empty(step.Sends);
        Assert.Single(browser.Services);
    }

    [Fact]
    public void OnMessage_SameResponseAgain_NoEvent()
    {
        var browser = Started();
        browser.OnMessage(DnsSamples.Response, Peer, TimeSpan.FromSeconds(1));

        Assert.Empty(browser.OnMessage(DnsSamples.Response, Peer, TimeSpan.FromSeconds(2)).Events);
    }

    [Fact]
    public void OnTimer_NextQueryAfterAResponse_ListsThePtrAsKnownAnswerWithItsRemainingTtl()
    {
        var browser = Started();
        browser.OnMessage(DnsSamples.Response, Peer, Ms(500));

        var query = Assert.Single(browser.OnTimer(Ms(1020)).Sends).Message;

        var known = Assert.Single(query.Answers);
        Assert.Equal(Service, known.Name);
        Assert.Equal(Instance, ((PtrData)known.Data).Target);
        Assert.Equal(4499u, known.Ttl);
    }

    [Fact]
    public void OnMessage_PtrGoodbye_LostOneSecondLater()
    {
        var browser = Started();
        browser.OnMessage(DnsSamples.Response, Peer, TimeSpan.FromSeconds(1));
        Run(browser, TimeSpan.FromSeconds(5)); // queries at 0.02 and 1.02 s; the next is due at 3.02, then 7.02 s
        var goodbye = DnsMessage.Response([.. DnsSamples.Response.AllRecords.Select(r => r.WithTtl(0))]);

        Assert.Empty(browser.OnMessage(goodbye, Peer, TimeSpan.FromSeconds(5)).Events);
        Assert.Equal(TimeSpan.FromSeconds(6), browser.NextDeadline);
        var lost = Assert.Single(browser.OnTimer(TimeSpan.FromSeconds(6)).Events);

        Assert.Equal(ServiceEventKind.Lost, lost.Kind);
        Assert.Equal(Instance, lost.Service.Name);
        Assert.Empty(browser.Services);
    }

    [Fact]
    public void OnTimer_NoAnswerToRefreshes_QueriesAt80To95PercentThenLostAtTheTtl()
    {
        var browser = new MdnsBrowser(Service, new FixedRandom(0), maxQueryInterval: TimeSpan.FromHours(1));
        browser.Start(TimeSpan.Zero);
        browser.OnTimer(Ms(20));
        browser.OnMessage(DnsSamples.Response, Peer, TimeSpan.Zero + Ms(20));

        var steps = Run(browser, TimeSpan.FromSeconds(200), withEvents: true);

        // SRV and A (TTL 120) are re-asked at 96, 102, 108 and 114 s (plus the 20 ms they arrived at); they expire at 120 s.
        var refreshes = steps.Where(s => s.At < TimeSpan.FromSeconds(120) && s.Send is not null && s.Send.Message.Questions.Any(q => q.Type == DnsRecordType.Srv)).ToList();
        Assert.Equal(Seconds(96.02, 102.02, 108.02, 114.02), refreshes.Select(r => r.At));
        Assert.Contains(refreshes[0].Send!.Message.Questions, q => q.Name == Host && q.Type == DnsRecordType.A);
        var lost = Assert.Single(steps, s => s.Event is not null);
        Assert.Equal(ServiceEventKind.Lost, lost.Event!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120.02), lost.At);

        // The PTR (TTL 4500) outlives the SRV: the browser keeps asking for the SRV, backing off.
        Assert.Contains(steps, s => s.At > TimeSpan.FromSeconds(120) && s.Send is not null && s.Send.Message.Questions.Any(q => q.Name == Instance && q.Type == DnsRecordType.Srv));
    }

    [Fact]
    public void OnMessage_PtrWithoutSrvTxtOrAddress_AsksForThemAtOnceThenBacksOff()
    {
        var browser = Started();

        var step = browser.OnMessage(DnsMessage.Response([new DnsRecord(Service, new PtrData(Instance), 4500)]), Peer, TimeSpan.FromSeconds(1));

        var query = Assert.Single(step.Sends).Message;
        Assert.Equal([(Instance, DnsRecordType.Srv), (Instance, DnsRecordType.Txt)], query.Questions.Select(q => (q.Name, q.Type)));
        Assert.Empty(step.Events);
        var again = Run(browser, TimeSpan.FromSeconds(8)).Where(s => s.Send.Message.Questions.Any(q => q.Type == DnsRecordType.Srv)).Select(s => s.At);
        Assert.Equal(Seconds(2, 4, 8), again);

        var srvOnly = browser.OnMessage(
            DnsMessage.Response([new DnsRecord(Instance, new SrvData(0, 0, 7400, Host), 120), new DnsRecord(Instance, new TxtData([]), 4500)]),
            Peer, TimeSpan.FromSeconds(9));
        Assert.Equal([(Host, DnsRecordType.A)], Assert.Single(srvOnly.Sends).Message.Questions.Select(q => (q.Name, q.Type)));
    }

    [Fact]
    public void OnMessage_NewAddressWithCacheFlush_OldOneFlushedAfterASecondAndUpdated()
    {
        var browser = Started();
        browser.OnMessage(DnsSamples.Response, Peer, TimeSpan.FromSeconds(1));
        var moved = new DnsRecord(Host, new AddressData(IPAddress.Parse("10.213.0.99")), 120, CacheFlush: true);

        var both = Assert.Single(browser.OnMessage(DnsMessage.Response([moved]), Peer, TimeSpan.FromSeconds(5)).Events);
        var flushed = Assert.Single(browser.OnTimer(TimeSpan.FromSeconds(6)).Events);

        Assert.Equal(ServiceEventKind.Updated, both.Kind);
        Assert.Equal([IPAddress.Parse("10.213.0.11"), IPAddress.Parse("10.213.0.99")], both.Service.Addresses);
        Assert.Equal(ServiceEventKind.Updated, flushed.Kind);
        Assert.Equal([IPAddress.Parse("10.213.0.99")], flushed.Service.Addresses);
    }

    [Fact]
    public void OnMessage_TxtChanges_Updated()
    {
        var browser = Started();
        browser.OnMessage(DnsSamples.Response, Peer, TimeSpan.FromSeconds(1));
        var txt = new DnsRecord(Instance, TxtData.FromPairs([new("cluster", "c1"), new("node", "lb1"), new("sync", "7500")]), 4500, CacheFlush: true);

        // The newest TXT wins at once; the old one lingers a second in the cache (§10.2) but is not used.
        var update = Assert.Single(browser.OnMessage(DnsMessage.Response([txt]), Peer, TimeSpan.FromSeconds(5)).Events);
        Assert.Empty(browser.OnTimer(TimeSpan.FromSeconds(6)).Events);

        Assert.Equal(ServiceEventKind.Updated, update.Kind);
        Assert.Equal("7500", update.Service.Txt["sync"]);
    }

    [Fact]
    public void OnMessage_ResponseFromAnotherPortOrAQuery_Ignored()
    {
        var browser = Started();

        Assert.Empty(browser.OnMessage(DnsSamples.Response, new IPEndPoint(IPAddress.Parse("10.213.0.12"), 40000), TimeSpan.FromSeconds(1)).Events);
        Assert.Empty(browser.OnMessage(DnsSamples.Response with { IsResponse = false }, Peer, TimeSpan.FromSeconds(1)).Events);
        Assert.Empty(browser.OnMessage(DnsSamples.Response with { ResponseCode = 2 }, Peer, TimeSpan.FromSeconds(1)).Events);
        Assert.Empty(browser.Services);
    }

    [Fact]
    public void OnMessage_OtherServiceTypesAndUnrelatedHosts_NotCached()
    {
        var browser = Started();
        var http = DnsName.Parse("_http._tcp.local");

        browser.OnMessage(
            DnsMessage.Response(
                [new DnsRecord(http, new PtrData(http.Prepend("web")), 4500)],
                [new DnsRecord(DnsName.Parse("web.local"), new AddressData(IPAddress.Parse("10.0.0.5")), 120)]),
            Peer, TimeSpan.FromSeconds(1));

        // Cached records would be re-queried from 80 % of their TTL on; only the PTR browse ever goes out.
        var questions = Run(browser, TimeSpan.FromSeconds(600)).SelectMany(s => s.Send.Message.Questions).ToList();
        Assert.NotEmpty(questions);
        Assert.All(questions, q => Assert.Equal((Service, DnsRecordType.Ptr), (q.Name, q.Type)));
    }

    [Fact]
    public void Responder_AnswersBrowsersQuery_BrowserFindsIt()
    {
        var responder = Announced(Registration("lb2", "10.213.0.12"));
        var browser = Started();

        var query = Assert.Single(browser.OnTimer(Ms(20)).Sends);
        responder.OnMessage(query.Message, Peer, TimeSpan.FromSeconds(10));
        var answer = Assert.Single(responder.OnTimer(responder.NextDeadline!.Value));
        var wire = DnsSamples.Read(DnsMessageWriter.Write(answer.Message));
        var found = Assert.Single(browser.OnMessage(wire, Peer, TimeSpan.FromSeconds(10)).Events);

        Assert.Equal("lb2", found.Service.Instance);
        Assert.Equal([IPAddress.Parse("10.213.0.12")], found.Service.Addresses);
        var peer = DiscoveryPeer.FromService(found.Service);
        Assert.Equal(("lb2", "c1", 7400), (peer.NodeName, peer.ClusterId, peer.SyncPort));
    }

    private static IEnumerable<TimeSpan> Seconds(params double[] seconds) => seconds.Select(TimeSpan.FromSeconds);

    private static MdnsBrowser Started()
    {
        var browser = new MdnsBrowser(Service, new FixedRandom(0));
        browser.Start(TimeSpan.Zero);
        return browser;
    }

    private static List<(TimeSpan At, MdnsOutgoing Send)> Run(MdnsBrowser browser, TimeSpan until) =>
        [.. Run(browser, until, withEvents: false).Select(s => (s.At, s.Send!))];

    private static List<(TimeSpan At, MdnsOutgoing? Send, ServiceEvent? Event)> Run(MdnsBrowser browser, TimeSpan until, bool withEvents)
    {
        var steps = new List<(TimeSpan, MdnsOutgoing?, ServiceEvent?)>();
        while (browser.NextDeadline is { } next && next <= until)
        {
            var step = browser.OnTimer(next);
            steps.AddRange(step.Sends.Select(s => (next, (MdnsOutgoing?)s, (ServiceEvent?)null)));
            if (withEvents)
            {
                steps.AddRange(step.Events.Select(e => (next, (MdnsOutgoing?)null, (ServiceEvent?)e)));
            }
        }

        return steps;
    }
}
