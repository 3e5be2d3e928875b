using System.Buffers;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

/// <summary>Builds a ReadOnlySequence cut into segments, as a pipe hands out data that arrived in pieces.</summary>
internal static class TestSequence
{
    /// <summary>Copies <paramref name="data"/> into segments of <paramref name="segmentSize"/> bytes (0: one segment).</summary>
    public static ReadOnlySequence<byte> Create(ReadOnlySpan<byte> data, int segmentSize = 0)
    {
        if (segmentSize <= 0 || data.Length <= segmentSize)
        {
            return new ReadOnlySequence<byte>(data.ToArray());
        }

        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i < data.Length; i += segmentSize)
        {
            var piece = data.Slice(i, Math.Min(segmentSize, data.Length - i)).ToArray();
            last = last is null ? first = new Segment(piece, 0) : last.Append(piece);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] data)
        {
            var next = new Segment(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
