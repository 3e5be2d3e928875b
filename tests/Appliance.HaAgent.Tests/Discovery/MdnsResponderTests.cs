using System.Net;
using Appliance.HaAgent.Discovery;
using Appliance.Tests.Common;
using static Appliance.HaAgent.Tests.Discovery.MdnsFixtures;

namespace Appliance.HaAgent.Tests.Discovery;

public sealed class MdnsResponderTests
{
    private static readonly DnsName Service = DnsSamples.Service;
    private static readonly DnsName Instance = DnsSamples.Instance;
    private static readonly DnsName Host = DnsSamples.Host;

    [Fact]
    public void Start_RunToTheEnd_ThreeProbes250MsApartThenTwoAnnouncements1SApart()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0));
        Assert.Empty(responder.Start(TimeSpan.Zero));

        var sent = RunUntil(responder, TimeSpan.FromMinutes(5));

        Assert.Equal([Ms(0), Ms(250), Ms(500), Ms(750), Ms(1750)], sent.Select(s => s.At));
        Assert.All(sent, s => Assert.True(s.Send.IsMulticast));
        foreach (var probe in sent.Take(3).Select(s => s.Send.Message))
        {
            Assert.False(probe.IsResponse);
            Assert.Equal(
                [(Instance, DnsRecordType.Any, false), (Host, DnsRecordType.Any, false)],
                probe.Questions.Select(q => (q.Name, q.Type, q.UnicastResponse)));
            Assert.Equal(["lb1._appliance._tcp.local SRV", "lb1._appliance._tcp.local TXT", "lb1.local A"], probe.Authorities.Select(r => $"{r.Name} {r.Type.Mnemonic()}"));
        }

        foreach (var announcement in sent.Skip(3).Select(s => s.Send.Message))
        {
            Assert.True(announcement.IsResponse && announcement.Authoritative);
            Assert.Equal(
                [
                    "_appliance._tcp.local 4500 PTR lb1._appliance._tcp.local",
                    "_services._dns-sd._udp.local 4500 PTR _appliance._tcp.local",
                    "lb1._appliance._tcp.local 120 SRV flush 0 0 7400 lb1.local",
                    "lb1._appliance._tcp.local 4500 TXT flush \"cluster=c1\" \"node=lb1\" \"sync=7400\"",
                    "lb1.local 120 A flush 10.213.0.11",
                ],
                announcement.Answers.Select(r => r.ToString()));
            Assert.Equal(
                ["lb1._appliance._tcp.local 4500 NSEC flush lb1._appliance._tcp.local TXT SRV", "lb1.local 120 NSEC flush lb1.local A"],
                announcement.Additionals.Select(r => r.ToString()));
        }

        Assert.Equal(ResponderState.Announced, responder.State);
        Assert.Null(responder.NextDeadline);
    }

    [Fact]
    public void Start_RandomHalf_FirstProbeAfter125Ms()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0.5));
        responder.Start(Ms(1000));

        Assert.Equal(Ms(1125), responder.NextDeadline);
        Assert.Equal(ResponderState.Probing, responder.State);
    }

    [Fact]
    public void OnMessage_PtrQueryWhileProbing_NotAnswered()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        RunUntil(responder, Ms(300));

        Assert.Empty(responder.OnMessage(Query(Service, DnsRecordType.Ptr), Peer, Ms(300)));
        Assert.Equal(Ms(500), responder.NextDeadline);
    }

    [Fact]
    public void OnMessage_PtrQuery_AnsweredAfterSharedDelayWithSrvTxtAAndNsecsAdditional()
    {
        var responder = Announced();
        var now = TimeSpan.FromSeconds(10);

        Assert.Empty(responder.OnMessage(Query(Service, DnsRecordType.Ptr), Peer, now));
        Assert.Equal(now + Ms(20), responder.NextDeadline);
        var reply = Assert.Single(responder.OnTimer(now + Ms(20)));

        Assert.True(reply.IsMulticast);
        Assert.Equal(["_appliance._tcp.local 4500 PTR lb1._appliance._tcp.local"], reply.Message.Answers.Select(r => r.ToString()));
        Assert.Equal(
            ["SRV", "TXT", "A", "NSEC", "NSEC"],
            reply.Message.Additionals.Select(r => r.Type.Mnemonic()));
        Assert.Null(responder.NextDeadline);
    }

    [Fact]
    public void OnMessage_SeveralQueriesBeforeTheDelay_MergedIntoOneResponse()
    {
        var responder = Announced(); // FixedRandom(0): shared answers wait 20 ms
        var now = TimeSpan.FromSeconds(10);

        responder.OnMessage(Query(Service, DnsRecordType.Ptr), Peer, now);
        responder.OnMessage(Query(MdnsConstants.ServiceTypeEnumeration, DnsRecordType.Ptr), Peer, now + Ms(5));
        var reply = Assert.Single(responder.OnTimer(now + Ms(20)));

        Assert.Equal(
            ["_appliance._tcp.local PTR", "_services._dns-sd._udp.local PTR"],
            reply.Message.Answers.Select(r => $"{r.Name} {r.Type.Mnemonic()}"));
    }

    [Theory]
    [InlineData(4500u, false)]
    [InlineData(2250u, false)]
    [InlineData(2249u, true)]
    public void OnMessage_KnownAnswer_SuppressesOursWhenAtLeastHalfTheTtlIsLeft(uint knownTtl, bool answered)
    {
        var responder = Announced();
        var now = TimeSpan.FromSeconds(10);
        var known = new DnsRecord(Service, new PtrData(Instance), knownTtl);

        responder.OnMessage(Query(Service, DnsRecordType.Ptr, known: [known]), Peer, now);

        Assert.Equal(answered, RunUntil(responder, now + TimeSpan.FromSeconds(1)).Count == 1);
    }

    [Fact]
    public void OnMessage_SrvQuery_AnsweredAtOnceWithTheAddressAdditional()
    {
        var responder = Announced();

        var reply = Assert.Single(responder.OnMessage(Query(Instance, DnsRecordType.Srv), Peer, TimeSpan.FromSeconds(10)));

        Assert.Equal(["lb1._appliance._tcp.local 120 SRV flush 0 0 7400 lb1.local"], reply.Message.Answers.Select(r => r.ToString()));
        Assert.Equal(["lb1.local 120 A flush 10.213.0.11", "lb1.local 120 NSEC flush lb1.local A"], reply.Message.Additionals.Select(r => r.ToString()));
    }

    [Fact]
    public void OnMessage_AaaaQueryForOurHost_NsecSaysThereIsNone()
    {
        var responder = Announced();

        var reply = Assert.Single(responder.OnMessage(Query(Host, DnsRecordType.Aaaa), Peer, TimeSpan.FromSeconds(10)));

        Assert.Empty(reply.Message.Answers);
        Assert.Equal(["lb1.local 120 NSEC flush lb1.local A"], reply.Message.Additionals.Select(r => r.ToString()));
    }

    [Fact]
    public void OnMessage_QueryForAnotherName_NoAnswer()
    {
        var responder = Announced();

        Assert.Empty(responder.OnMessage(Query(DnsName.Parse("lb2._appliance._tcp.local"), DnsRecordType.Srv), Peer, TimeSpan.FromSeconds(10)));
        Assert.Empty(responder.OnMessage(Query(DnsName.Parse("_http._tcp.local"), DnsRecordType.Ptr), Peer, TimeSpan.FromSeconds(10)));
        Assert.Null(responder.NextDeadline);
    }

    [Fact]
    public void OnMessage_SameQueryWithinASecond_RecordMulticastOnlyOnce()
    {
        var responder = Announced();
        var now = TimeSpan.FromSeconds(10);

        Assert.Single(responder.OnMessage(Query(Instance, DnsRecordType.Srv), Peer, now));
        Assert.Empty(responder.OnMessage(Query(Instance, DnsRecordType.Srv), Peer, now + Ms(500)));
        Assert.Single(responder.OnMessage(Query(Instance, DnsRecordType.Srv), Peer, now + Ms(1000)));
    }

    [Fact]
    public void OnMessage_QuQuestion_UnicastWhenRecentlyMulticastOtherwiseMulticast()
    {
        var responder = Announced(); // the SRV was last multicast at 1.75 s; a quarter of its TTL is 30 s
        var source = new IPEndPoint(IPAddress.Parse("10.213.0.12"), MdnsConstants.Port);

        var recent = Assert.Single(responder.OnMessage(Query(Instance, DnsRecordType.Srv, unicast: true), source, TimeSpan.FromSeconds(20)));
        var stale = Assert.Single(responder.OnMessage(Query(Instance, DnsRecordType.Srv, unicast: true), source, TimeSpan.FromSeconds(40)));

        Assert.Equal(source, recent.Destination);
        Assert.True(stale.IsMulticast);
    }

    [Fact]
    public void OnMessage_LegacyUnicastQuery_ReplyToSourceWithItsIdQuestionsAndShortTtls()
    {
        var responder = Announced();
        var source = new IPEndPoint(IPAddress.Parse("10.213.0.31"), 40000);
        var query = Query(Service, DnsRecordType.Ptr) with { Id = 0xBEEF };

        var reply = Assert.Single(responder.OnMessage(query, source, TimeSpan.FromSeconds(10)));

        Assert.Equal(source, reply.Destination);
        Assert.Equal(0xBEEF, reply.Message.Id);
        Assert.Equal(query.Questions, reply.Message.Questions);
        Assert.All(reply.Message.AllRecords, r => Assert.True(r.Ttl <= 10 && !r.CacheFlush, r.ToString()));
        Assert.Equal(["PTR"], reply.Message.Answers.Select(r => r.Type.Mnemonic()));
    }

    [Fact]
    public void OnMessage_ConflictingSrvWhileProbing_RenamesInstanceAndProbesAgain()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        RunUntil(responder, Ms(300));
        var theirs = new DnsRecord(Instance, new SrvData(0, 0, 7400, DnsName.Parse("other.local")), 120, CacheFlush: true);

        responder.OnMessage(DnsMessage.Response([theirs]), Peer, Ms(300));
        var sent = RunUntil(responder, TimeSpan.FromSeconds(5));

        Assert.Equal("lb1 (2)", responder.InstanceLabel);
        Assert.Equal(Host, responder.HostName);
        Assert.Equal([Ms(300), Ms(550), Ms(800), Ms(1050), Ms(2050)], sent.Select(s => s.At));
        Assert.Equal(DnsName.Parse("lb1 (2)._appliance._tcp.local"), sent[0].Send.Message.Questions[0].Name);
        Assert.Equal(ResponderState.Announced, responder.State);
    }

    [Fact]
    public void OnMessage_ConflictingAddressForOurHost_RenamesHostOnly()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        RunUntil(responder, Ms(300));

        responder.OnMessage(DnsMessage.Response([new DnsRecord(Host, new AddressData(IPAddress.Parse("10.213.0.99")), 120, CacheFlush: true)]), Peer, Ms(300));

        Assert.Equal("lb1", responder.InstanceLabel);
        Assert.Equal(DnsName.Parse("lb1-2.local"), responder.HostName);
    }

    [Fact]
    public void OnMessage_OurOwnProbeAndAnnouncementLoopedBack_NoConflict()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        var sent = RunUntil(responder, TimeSpan.FromSeconds(5));
        var again = new MdnsResponder(Registration(), new FixedRandom(0));
        again.Start(TimeSpan.Zero);
        var looped = new List<(TimeSpan, MdnsOutgoing)>();

        foreach (var (at, send) in sent)
        {
            looped.AddRange(RunUntil(again, at));
            again.OnMessage(send.Message, Peer, at);
        }

        Assert.Equal("lb1", again.InstanceLabel);
        Assert.Equal(Host, again.HostName);
    }

    [Fact]
    public void OnMessage_SimultaneousProbeWithGreaterRecords_DefersOneSecondWithoutRename()
    {
        var responder = new MdnsResponder(Registration(address: "10.213.0.11"), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        RunUntil(responder, Ms(300));
        var theirProbe = DnsMessage.Query(
            [new DnsQuestion(Host, DnsRecordType.Any)],
            authorities: [new DnsRecord(Host, new AddressData(IPAddress.Parse("10.213.0.12")), 120)]);

        responder.OnMessage(theirProbe, Peer, Ms(300));

        Assert.Equal(Ms(1300), responder.NextDeadline);
        Assert.Equal(Host, responder.HostName);
        Assert.Equal(ResponderState.Probing, responder.State);
    }

    [Fact]
    public void OnMessage_SimultaneousProbeWithLesserRecords_KeepsProbing()
    {
        var responder = new MdnsResponder(Registration(address: "10.213.0.12"), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        RunUntil(responder, Ms(300));
        var theirProbe = DnsMessage.Query(
            [new DnsQuestion(Host, DnsRecordType.Any)],
            authorities: [new DnsRecord(Host, new AddressData(IPAddress.Parse("10.213.0.11")), 120)]);

        responder.OnMessage(theirProbe, Peer, Ms(300));

        Assert.Equal(Ms(500), responder.NextDeadline);
    }

    [Fact]
    public void OnMessage_ConflictAfterAnnouncing_ProbesAgainThenRenamesOnTheDefence()
    {
        var responder = Announced();
        var theirs = DnsMessage.Response([new DnsRecord(Instance, new SrvData(0, 0, 9000, DnsName.Parse("other.local")), 120, CacheFlush: true)]);
        var now = TimeSpan.FromSeconds(10);

        responder.OnMessage(theirs, Peer, now);
        Assert.Equal(ResponderState.Probing, responder.State);
        Assert.Equal("lb1", responder.InstanceLabel);

        responder.OnMessage(theirs, Peer, now + Ms(10));
        Assert.Equal("lb1 (2)", responder.InstanceLabel);
    }

    [Fact]
    public void OnMessage_ResponseFromAnotherPortOrAGoodbye_IsNoConflict()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        RunUntil(responder, Ms(300));
        var srv = new DnsRecord(Instance, new SrvData(0, 0, 9000, DnsName.Parse("other.local")), 120);

        responder.OnMessage(DnsMessage.Response([srv]), new IPEndPoint(IPAddress.Parse("10.213.0.12"), 40000), Ms(300));
        responder.OnMessage(DnsMessage.Response([srv.WithTtl(0)]), Peer, Ms(300));

        Assert.Equal("lb1", responder.InstanceLabel);
        Assert.Equal(Ms(500), responder.NextDeadline);
    }

    [Fact]
    public void OnMessage_FifteenConflictsInTenSeconds_NextAttemptWaitsFiveSeconds()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        var now = Ms(100);
        for (var i = 1; i <= 15; i++)
        {
            var conflict = new DnsRecord(responder.InstanceName, new SrvData(0, 0, 1, DnsName.Parse("other.local")), 120);
            responder.OnMessage(DnsMessage.Response([conflict]), Peer, now);
            Assert.Equal(i < 15 ? now : now + TimeSpan.FromSeconds(5), responder.NextDeadline);
        }

        Assert.Equal("lb1 (16)", responder.InstanceLabel);
    }

    [Fact]
    public void Stop_AfterAnnouncing_SendsEveryRecordWithTtlZero()
    {
        var responder = Announced();

        var goodbye = Assert.Single(responder.Stop(TimeSpan.FromSeconds(10)));

        Assert.True(goodbye.IsMulticast);
        Assert.Equal(["PTR", "PTR", "SRV", "TXT", "A"], goodbye.Message.Answers.Select(r => r.Type.Mnemonic()));
        Assert.All(goodbye.Message.Answers, r => Assert.Equal(0u, r.Ttl));
        Assert.Equal(ResponderState.Stopped, responder.State);
        Assert.Empty(responder.OnMessage(Query(Service, DnsRecordType.Ptr), Peer, TimeSpan.FromSeconds(11)));
        Assert.Null(responder.NextDeadline);
    }

    [Fact]
    public void Stop_WhileProbing_SendsNothing()
    {
        var responder = new MdnsResponder(Registration(), new FixedRandom(0));
        responder.Start(TimeSpan.Zero);
        RunUntil(responder, Ms(300));

        Assert.Empty(responder.Stop(Ms(300)));
    }
}
