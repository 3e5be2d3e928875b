using System.Net;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Liveness;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Tests.Liveness;

/// <summary>The fast-takeover decision: only a refused probe on a port proven open for the same master reports it gone.</summary>
public sealed class MasterProcessWatchTests
{
    private static readonly Ipv4Address Master = Address("10.0.0.20");
    private static readonly IPEndPoint MasterSync = IPEndPoint.Parse("10.0.0.20:7600");
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(5);

    [Fact]
    public void Follow_MasterIsASyncPeer_TargetsItsEndpoint()
    {
        var watch = Watch();

        Assert.Equal(MasterSync, watch.Follow(Master));
        Assert.False(watch.Proven);
    }

    [Fact]
    public void MasterIsOnlyPeer_TwoNodeCluster_True()
    {
        var watch = new MasterProcessWatch([new SyncPeerConfig("lb2", MasterSync)]);
        watch.Follow(Master);

        Assert.True(watch.MasterIsOnlyPeer);
    }

    [Fact]
    public void MasterIsOnlyPeer_AnotherPeerCouldCompete_False()
    {
        var watch = Watch();
        watch.Follow(Master);

        Assert.False(watch.MasterIsOnlyPeer);
    }

    [Fact]
    public void MasterIsOnlyPeer_MasterNotAPeer_False()
    {
        var watch = Watch();
        watch.Follow(Address("10.0.0.99"));

        Assert.False(watch.MasterIsOnlyPeer);
    }

    [Fact]
    public void Follow_IPv4MappedPeer_Matches()
    {
        var mapped = new IPEndPoint(IPAddress.Parse("::ffff:10.0.0.20"), 7600);
        var watch = new MasterProcessWatch([new SyncPeerConfig("lb2", mapped)]);

        Assert.Equal(mapped, watch.Follow(Master));
    }

    [Fact]
    public void Follow_PeerDiscoveredAfterTheMasterWasSeen_TargetsItThen()
    {
        IReadOnlyList<SyncPeerConfig> peers = [];
        var watch = new MasterProcessWatch([]) { PeerSource = () => peers };
        Assert.Null(watch.Follow(Master));

        peers = [new SyncPeerConfig("lb2", MasterSync)];

        Assert.Equal(MasterSync, watch.Follow(Master));
    }

    [Fact]
    public void Follow_DiscoveredPeerMovesAfterProof_NewTargetAndProofReset()
    {
        IReadOnlyList<SyncPeerConfig> peers = [new SyncPeerConfig("lb2", MasterSync)];
        var watch = new MasterProcessWatch([]) { PeerSource = () => peers };
        watch.Follow(Master);
        watch.Connected();
        Assert.True(watch.Proven);

        var moved = IPEndPoint.Parse("10.0.0.20:7700");
        peers = [new SyncPeerConfig("lb2", moved)];

        Assert.Equal(moved, watch.Follow(Master));
        Assert.False(watch.Proven);
    }

    [Fact]
    public void Follow_DiscoveredPeerRemoved_NoTarget()
    {
        IReadOnlyList<SyncPeerConfig> peers = [new SyncPeerConfig("lb2", MasterSync)];
        var watch = new MasterProcessWatch([]) { PeerSource = () => peers };
        watch.Follow(Master);

        peers = [];

        Assert.Null(watch.Follow(Master));
        Assert.Equal(WatchStep.Nothing, watch.ConnectionEnded(Long));
    }

    [Fact]
    public void Follow_MasterNotASyncPeer_NoTarget()
    {
        Assert.Null(Watch().Follow(Address("10.0.0.99")));
    }

    [Fact]
    public void ProbeFinished_RefusedAfterProvenConnectionEnded_ReportsGoneOnce()
    {
        var watch = Watch();
        watch.Follow(Master);
        watch.Connected();

        Assert.Equal(WatchStep.Probe, watch.ConnectionEnded(Long));
        Assert.Equal(WatchStep.ReportGone, watch.ProbeFinished(ProbeOutcome.Refused));
        Assert.Equal(WatchStep.Nothing, watch.ProbeFinished(ProbeOutcome.Refused));
        Assert.Equal(WatchStep.Nothing, watch.ConnectionEnded(Long));
    }

    [Theory]
    [InlineData(ProbeOutcome.TimedOut)]
    [InlineData(ProbeOutcome.Accepted)]
    [InlineData(ProbeOutcome.Failed)]
    public void ProbeFinished_NotRefused_Nothing(ProbeOutcome outcome)
    {
        var watch = Watch();
        watch.Follow(Master);
        watch.Connected();
        watch.ConnectionEnded(Long);

        Assert.Equal(WatchStep.Nothing, watch.ProbeFinished(outcome));
        Assert.True(watch.Proven);
    }

    [Fact]
    public void ProbeFinished_RefusedOnPortNeverSeenOpen_Nothing()
    {
        var watch = Watch();
        watch.Follow(Master);

        Assert.Equal(WatchStep.Nothing, watch.ConnectionEnded(Long));
        Assert.Equal(WatchStep.Nothing, watch.ProbeFinished(ProbeOutcome.Refused));
    }

    [Fact]
    public void ConnectionEnded_AcceptedProbeResetAtOnce_ProbesAgainWithoutPause()
    {
        // kill -9: the held connection ends, the probe lands in the backlog of a listener about to close and is reset.
        var watch = Watch();
        watch.Follow(Master);
        watch.Connected();
        Assert.Equal(WatchStep.Probe, watch.ConnectionEnded(Long));
        Assert.Equal(WatchStep.Nothing, watch.ProbeFinished(ProbeOutcome.Accepted));
        watch.Connected();

        Assert.Equal(WatchStep.Probe, watch.ConnectionEnded(Quick));
        Assert.Equal(WatchStep.ReportGone, watch.ProbeFinished(ProbeOutcome.Refused));
    }

    [Fact]
    public void ConnectionEnded_SecondQuickCloseInARow_PausesUntilAConnectionLasts()
    {
        var watch = Watch();
        watch.Follow(Master);
        watch.Connected();

        Assert.Equal(WatchStep.Probe, watch.ConnectionEnded(Quick));
        Assert.Equal(WatchStep.PauseThenProbe, watch.ConnectionEnded(Quick));
        Assert.Equal(WatchStep.PauseThenProbe, watch.ConnectionEnded(Quick));
        Assert.Equal(WatchStep.Probe, watch.ConnectionEnded(Long));
        Assert.Equal(WatchStep.Probe, watch.ConnectionEnded(Quick));
    }

    [Fact]
    public void ProbeFinished_ReconnectRefusedOnProvenPort_ReportsGone()
    {
        // The monitor reports a refused reconnect through the same call: the port accepted this backup before.
        var watch = Watch();
        watch.Follow(Master);
        watch.Connected();

        Assert.Equal(WatchStep.ReportGone, watch.ProbeFinished(ProbeOutcome.Refused));
    }

    [Fact]
    public void Follow_MasterChanges_ProofResets()
    {
        var watch = Watch();
        watch.Follow(Master);
        watch.Connected();

        Assert.Equal(IPEndPoint.Parse("10.0.0.30:7600"), watch.Follow(Address("10.0.0.30")));

        Assert.False(watch.Proven);
        Assert.Equal(WatchStep.Nothing, watch.ProbeFinished(ProbeOutcome.Refused));
    }

    private static MasterProcessWatch Watch() =>
        new([new SyncPeerConfig("lb2", MasterSync), new SyncPeerConfig("lb3", IPEndPoint.Parse("10.0.0.30:7600"))]);

    private static Ipv4Address Address(string text) => Ipv4Address.FromIPAddress(IPAddress.Parse(text));
}
