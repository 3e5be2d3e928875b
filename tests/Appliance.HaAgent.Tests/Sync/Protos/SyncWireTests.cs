using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Tests.Sync.Protos;

/// <summary>The sync messages on the wire, against bytes built by hand from the protobuf encoding rules and sync.proto's field numbers.</summary>
public class SyncWireTests
{
    // ReplicationMessage { hello (1) = Hello { node (1) = "a", epoch (2) = 2, head_sequence (4) = 5 } }:
    // inner 0A 01 61 | 10 02 | 20 05 (7 bytes), outer 0A 07 + inner; gRPC prefix 00 + length 00 00 00 09.
    private static readonly byte[] CapturedHello = [0x00, 0x00, 0x00, 0x00, 0x09, 0x0A, 0x07, 0x0A, 0x01, 0x61, 0x10, 0x02, 0x20, 0x05];

    // ReplicationAck { epoch (1) = 2, applied_sequence (2) = 300, need_snapshot (3) = true }: 08 02 | 10 AC 02 | 18 01.
    private static readonly byte[] CapturedAck = [0x00, 0x00, 0x00, 0x00, 0x07, 0x08, 0x02, 0x10, 0xAC, 0x02, 0x18, 0x01];

    // ReplicationMessage { deltas (3) = DeltaBatch { first_sequence (1) = 7, changes (2) = [ Change { removed (2) =
    // StickRemoval { table (1) = "t", key (2) = StickKey { type (1) = IPV4 (1), value (2) = "1" } } } ] } }
    // key: 08 01 12 01 31 (5); removal: 0A 01 74 12 05 + key (10); change: 12 0A + removal (12);
    // batch: 08 07 12 0C + change (16); message: 1A 10 + batch (18).
    private static readonly byte[] CapturedRemoval =
        [0x00, 0x00, 0x00, 0x00, 0x12, 0x1A, 0x10, 0x08, 0x07, 0x12, 0x0C, 0x12, 0x0A, 0x0A, 0x01, 0x74, 0x12, 0x05, 0x08, 0x01, 0x12, 0x01, 0x31];

    [Fact]
    public void Encode_Hello_IsTheCapturedBytes()
    {
        var message = new ReplicationMessage { Hello = new Hello { Node = "a", Epoch = 2, HeadSequence = 5 } };
        Assert.Equal(CapturedHello, GrpcFrame.Encode(message));
    }

    [Fact]
    public void Encode_Ack_IsTheCapturedBytes()
    {
        Assert.Equal(CapturedAck, GrpcFrame.Encode(new ReplicationAck { Epoch = 2, AppliedSequence = 300, NeedSnapshot = true }));
    }

    [Fact]
    public void Parse_CapturedRemoval_GivesTheDeltaBatch()
    {
        var message = ReplicationMessage.Parser.ParseFrom(CapturedRemoval.AsSpan(5));
        Assert.Equal(ReplicationMessage.BodyOneofCase.Deltas, message.BodyCase);
        Assert.Equal(7UL, message.Deltas.FirstSequence);
        var removal = Assert.Single(message.Deltas.Changes).Removed;
        Assert.Equal(("t", StickKey.Types.Type.Ipv4, "1"), (removal.Table, removal.Key.Type, removal.Key.Value));
        Assert.Equal(CapturedRemoval, GrpcFrame.Encode(message));
    }
}
