using System.Buffers;
using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

/// <summary>
/// Drives the parsers the way the forwarder will: a growing window over the input that starts at the last Consumed
/// position, revealing <c>step</c> more bytes per call, each window cut into segments. Checks the consumed/examined
/// contract on every call and reports offsets into the whole input.
/// </summary>
internal static class Feed
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Parses one request head starting at <paramref name="offset"/>.</summary>
    public static HeadOutcome Request(HttpRequestParser parser, HttpRequestHead head, byte[] raw, int offset = 0, int step = int.MaxValue, int segmentSize = 0) =>
        Head(raw, offset, step, segmentSize, buffer => parser.Parse(buffer, head));

    /// <summary>Parses one response head starting at <paramref name="offset"/>.</summary>
    public static HeadOutcome Response(HttpResponseParser parser, HttpResponseHead head, byte[] raw, HttpMethodKind method = HttpMethodKind.Get, int offset = 0, int step = int.MaxValue, int segmentSize = 0) =>
        Head(raw, offset, step, segmentSize, buffer => parser.Parse(buffer, head, method));

    /// <summary>Runs a chunked body starting at <paramref name="offset"/> through Validate (or Read), collecting what comes out.</summary>
    public static ChunkedOutcome Chunked(ChunkedDecoder decoder, byte[] raw, int offset = 0, int step = int.MaxValue, int segmentSize = 0, bool read = false)
    {
        var output = new List<byte>();
        var start = offset;
        var end = offset;
        while (true)
        {
            end = (int)Math.Min(raw.Length, (long)end + step);
            var buffer = TestSequence.Create(raw.AsSpan(start, end - start), segmentSize);
            ChunkedDecodeResult result;
            if (read)
            {
                do
                {
                    result = decoder.Read(buffer, out var data);
                    if (result.Status == ChunkedDecodeStatus.Data)
                    {
                        Assert.True(data.Length > 0, "a Data result carries data");
                        output.AddRange(data.ToArray());
                        var used = buffer.Slice(buffer.Start, result.Consumed).Length;
                        start += (int)used;
                        buffer = buffer.Slice(result.Consumed);
                    }
                }
                while (result.Status == ChunkedDecodeStatus.Data && buffer.Length > 0);

                if (result.Status == ChunkedDecodeStatus.Data)
                {
                    if (end == raw.Length)
                    {
                        return new ChunkedOutcome(ChunkedDecodeStatus.NeedMoreData, RejectReason.None, start, [.. output], false);
                    }

                    continue;
                }
            }
            else
            {
                result = decoder.Validate(buffer);
                if (result.Status != ChunkedDecodeStatus.Error)
                {
                    output.AddRange(buffer.Slice(buffer.Start, result.ForwardEnd).ToArray());
                }
            }

            var consumed = (int)buffer.Slice(buffer.Start, result.Consumed).Length;
            if (result.Status == ChunkedDecodeStatus.NeedMoreData)
            {
                Assert.Equal(0, buffer.Slice(result.Examined).Length);
                Assert.Equal(buffer.Length, consumed);
            }

            if (result.Status != ChunkedDecodeStatus.NeedMoreData || end == raw.Length)
            {
                return new ChunkedOutcome(result.Status, result.Reason, start + consumed, [.. output], result.AppendFinalCrlf);
            }

            start += consumed;
        }
    }

    private static HeadOutcome Head(byte[] raw, int offset, int step, int segmentSize, Func<ReadOnlySequence<byte>, HttpParseResult> parse)
    {
        var start = offset;
        var end = offset;
        var calls = 0;
        while (true)
        {
            end = (int)Math.Min(raw.Length, (long)end + step);
            var buffer = TestSequence.Create(raw.AsSpan(start, end - start), segmentSize);
            var result = parse(buffer);
            calls++;
            var consumed = (int)buffer.Slice(buffer.Start, result.Consumed).Length;
            if (result.Status == HttpParseStatus.NeedMoreData)
            {
                // The contract the pipe relies on: everything was examined, and Consumed never passes Examined.
                Assert.Equal(0, buffer.Slice(result.Examined).Length);
            }
            else
            {
                Assert.Equal(consumed, buffer.Slice(buffer.Start, result.Examined).Length);
            }

            if (result.Status != HttpParseStatus.NeedMoreData || end == raw.Length)
            {
                return new HeadOutcome(result.Status, result.Reason, result.StatusCode, start + consumed, calls);
            }

            start += consumed;
        }
    }
}
