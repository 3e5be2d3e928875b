using System.Net;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Replication;
using Appliance.HaAgent.Sync.Status;
using Appliance.Tests.Common;

namespace Appliance.HaAgent.Tests.Sync.Replication;

public class PeerReplicationStateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ReplicationLog _log = new(100);

    private PeerReplicationState NewState() => new("lb2", IPEndPoint.Parse("127.0.0.2:7400"), TimeSpan.FromMinutes(1), _time);

    private void Append(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _log.Append(LocalChange.Stored(
                new StickEntry("web", new StickKey(StickKeyType.Ipv4, $"10.0.0.{i}"), "s1", TimeSpan.FromMinutes(1)), _time.GetTimestamp()));
        }
    }

    [Fact]
    public void Opened_PeerAsksForSnapshot_NeedsSnapshotAndIsSnapshotting()
    {
        var state = NewState();
        Append(3);
        state.Opened(0, needSnapshot: true, null, _log);
        Assert.True(state.NeedsSnapshot);
        Assert.Equal(PeerConnectionState.Snapshotting, state.ToStatus(_log.Head).State);
    }

    [Fact]
    public void Opened_ResumeWithinTheLog_ContinuesAfterWhatThePeerApplied()
    {
        var state = NewState();
        Append(5);
        state.Opened(3, needSnapshot: false, null, _log);
        Assert.False(state.NeedsSnapshot);
        Assert.Equal(3, state.Sent);
        Assert.Equal(2, state.ToStatus(_log.Head).Unacknowledged);
    }

    [Fact]
    public void Opened_ResumePointEvictedFromTheLog_NeedsSnapshot()
    {
        var log = new ReplicationLog(2);
        for (var i = 0; i < 6; i++)
        {
            log.Append(LocalChange.Removed("web", new StickKey(StickKeyType.Number, $"{i}"), 0));
        }

        var state = NewState();
        state.Opened(2, needSnapshot: false, null, log);
        Assert.True(state.NeedsSnapshot);
    }

    [Fact]
    public void Acknowledged_DeltasAckedLater_RecordsTimeFromChangeToAck()
    {
        var state = NewState();
        state.Opened(0, needSnapshot: true, null, _log);
        state.SnapshotStarted(0);
        state.SnapshotSent();
        Append(2);
        state.DeltasSent(2);
        _time.Advance(TimeSpan.FromMilliseconds(40));
        state.Acknowledged(2, needSnapshot: false, new RunningConfig(4, "ab"), _log);

        var status = state.ToStatus(_log.Head);
        Assert.Equal(TimeSpan.FromMilliseconds(40), status.LagP50);
        Assert.Equal(TimeSpan.FromMilliseconds(40), status.LagP99);
        Assert.Equal(0, status.Unacknowledged);
        Assert.Equal(new RunningConfig(4, "ab"), status.Config);
        Assert.True(state.IsCaughtUp(_log.Head));
    }

    [Fact]
    public void Acknowledged_ChangesCoveredBySnapshot_GiveNoLagSamples()
    {
        var state = NewState();
        Append(3);
        _time.Advance(TimeSpan.FromMinutes(10));
        state.Opened(0, needSnapshot: true, null, _log);
        state.SnapshotStarted(3);
        state.SnapshotSent();
        state.Acknowledged(3, needSnapshot: false, null, _log);
        Assert.Null(state.ToStatus(_log.Head).LagP99);
        Assert.True(state.IsCaughtUp(3));
    }

    [Fact]
    public void IsCaughtUp_AckBehindHead_IsFalseUntilTheAckArrives()
    {
        var state = NewState();
        state.Opened(0, needSnapshot: true, null, _log);
        state.SnapshotStarted(0);
        state.SnapshotSent();
        Append(4);
        state.DeltasSent(4);
        state.Acknowledged(3, needSnapshot: false, null, _log);
        Assert.False(state.IsCaughtUp(4));
        Assert.Equal(1, state.ToStatus(4).Unacknowledged);
        state.Acknowledged(4, needSnapshot: false, null, _log);
        Assert.True(state.IsCaughtUp(4));
    }

    [Fact]
    public void Closed_Refused_CountsAReconnectAndKeepsTheReason()
    {
        var state = NewState();
        state.Opened(0, needSnapshot: true, null, _log);
        state.Closed("epoch 3 of lb1 is older than epoch 4 of lb3", refused: true);
        var status = state.ToStatus(0);
        Assert.Equal(PeerConnectionState.Refused, status.State);
        Assert.Equal(1, status.Reconnects);
        Assert.Contains("older", status.LastError);
        Assert.False(state.IsStreaming);
    }
}
