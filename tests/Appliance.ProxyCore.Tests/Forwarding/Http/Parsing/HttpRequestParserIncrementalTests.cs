using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using static Appliance.ProxyCore.Tests.Forwarding.Http.Parsing.Feed;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

public sealed class HttpRequestParserIncrementalTests : IDisposable
{
    private readonly HttpRequestHead _head = new();

    public void Dispose() => _head.Dispose();

    public static TheoryData<string> ValidRequests => new()
    {
        "GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nConnection: keep-alive\r\nAccept: */*\r\n\r\n",
        "\r\nPOST /p HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\n\r\nhello",
        "POST /p HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
        "GET http://example.com/x HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
        "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
        "OPTIONS * HTTP/1.0\r\n\r\n",
    };

    /// <summary>A snapshot of what a head says, to compare parses of the same bytes fed differently.</summary>
    private string Describe(HeadOutcome outcome) =>
        $"{outcome.Status}|{outcome.Code}|{outcome.End}|{_head.GetMethodString()}|{_head.GetTargetString()}|{_head.Version}|{_head.Framing}|{_head.ContentLength}|" +
        $"{_head.ConnectionOptions}|{_head.MustClose}|{_head.IsUpgradeRequest}|{_head.GetAuthorityString()}|{Encoding.Latin1.GetString(_head.RawBytes)}";

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Parse_OneByteAtATimeInOneByteSegments_SameHeadAsWholeBuffer(string raw)
    {
        var bytes = Bytes(raw);
        var whole = Describe(Request(new HttpRequestParser(), _head, bytes));

        var outcome = Request(new HttpRequestParser(), _head, bytes, step: 1, segmentSize: 1);

        Assert.Equal(whole, Describe(outcome));
        Assert.Equal(HttpParseStatus.Complete, outcome.Status);
        Assert.True(outcome.Calls > 10);
    }

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Parse_SplitIntoTwoReadsAtEveryIndex_SameHeadAsWholeBuffer(string raw)
    {
        var bytes = Bytes(raw);
        var whole = Describe(Request(new HttpRequestParser(), _head, bytes));

        for (var split = 1; split < bytes.Length; split++)
        {
            var outcome = Request(new HttpRequestParser(), _head, bytes, step: split);
            Assert.Equal(whole, Describe(outcome));
        }
    }

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Parse_OneBufferOfTwoSegmentsSplitAtEveryIndex_SameHeadAsWholeBuffer(string raw)
    {
        var bytes = Bytes(raw);
        var whole = Describe(Request(new HttpRequestParser(), _head, bytes));

        for (var split = 1; split < bytes.Length; split++)
        {
            var outcome = Request(new HttpRequestParser(), _head, bytes, segmentSize: split);
            Assert.Equal(whole, Describe(outcome));
        }
    }

    [Fact]
    public void Parse_PipelinedRequestsInOneBuffer_EachConsumedAtItsExactEnd()
    {
        const string first = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n";
        const string second = "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n";
        const string secondBody = "hello";
        const string third = "POST /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
        const string thirdBody = "3;ext=\"v\"\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n";
        const string fourth = "GET /4 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
        var bytes = Bytes(first + second + secondBody + third + thirdBody + fourth);
        var parser = new HttpRequestParser();

        var one = Request(parser, _head, bytes);
        Assert.Equal((first.Length, "/1"), (one.End, _head.GetTargetString()));

        var two = Request(parser, _head, bytes, offset: one.End);
        Assert.Equal((one.End + second.Length, "/2", 5L), (two.End, _head.GetTargetString(), _head.ContentLength));

        var three = Request(parser, _head, bytes, offset: two.End + secondBody.Length);
        Assert.Equal((two.End + secondBody.Length + third.Length, BodyFraming.Chunked), (three.End, _head.Framing));
        var body = Chunked(new ChunkedDecoder(), bytes, three.End);
        Assert.Equal((ChunkedDecodeStatus.Complete, three.End + thirdBody.Length), (body.Status, body.End));

        var four = Request(parser, _head, bytes, offset: body.End);
        Assert.Equal((bytes.Length, "/4", true), (four.End, _head.GetTargetString(), _head.MustClose));
    }

    [Fact]
    public async Task Parse_OverARealPipeOneByteWrites_CompletesWithBodyLeftInThePipe()
    {
        var bytes = Bytes("PUT /f HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody");
        var pipe = new Pipe();
        var parser = new HttpRequestParser();
        HttpParseResult result = default;
        var written = 0;
        while (!result.IsComplete)
        {
            await pipe.Writer.WriteAsync(bytes.AsMemory(written++, 1));
            Assert.True(pipe.Reader.TryRead(out var read));
            result = parser.Parse(read.Buffer, _head);
            Assert.False(result.IsError);
            pipe.Reader.AdvanceTo(result.Consumed, result.Examined);
        }

        await pipe.Writer.WriteAsync(bytes.AsMemory(written));
        Assert.True(result.IsComplete);
        Assert.True(pipe.Reader.TryRead(out var rest));
        Assert.Equal("body", Encoding.ASCII.GetString(rest.Buffer.ToArray()));
        Assert.Equal(4, _head.ContentLength);
    }

    [Fact]
    public void Parse_NeedMoreData_ConsumesCompleteLinesAndKeepsThePartialOne()
    {
        var parser = new HttpRequestParser();
        var buffer = new ReadOnlySequence<byte>(Bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Partial: val"));

        var result = parser.Parse(buffer, _head);

        Assert.Equal(HttpParseStatus.NeedMoreData, result.Status);
        Assert.Equal("X-Partial: val", Encoding.ASCII.GetString(buffer.Slice(result.Consumed).ToArray()));
        Assert.Equal(buffer.End, result.Examined);
    }

    [Fact]
    public void Parse_BareLineFeedInTheMiddle_RefusedBeforeTheHeadEnds()
    {
        var outcome = Request(new HttpRequestParser(), _head, Bytes("GET / HTTP/1.1\r\nHost: a\nX-More: "));

        Assert.Equal((HttpParseStatus.Error, RejectReason.BareLineFeed), (outcome.Status, outcome.Reason));
    }

    [Fact]
    public void Parse_EndlessLineWithoutLineFeed_Refused431OnceOverTheLimit()
    {
        var parser = new HttpRequestParser(new HttpParserLimits { MaxHeaderSectionSize = 100 });
        var bytes = Bytes("GET / HTTP/1.1\r\nX: " + new string('a', 200));

        var outcome = Request(parser, _head, bytes, step: 10);

        Assert.Equal((HttpParseStatus.Error, 431), (outcome.Status, outcome.StatusCode));
        Assert.True(outcome.Calls <= 11, $"took {outcome.Calls} calls");
    }

    [Fact]
    public void Parse_IncompleteHead_NeedMoreDataUntilTheEnd()
    {
        var outcome = Request(new HttpRequestParser(), _head, Bytes("GET / HTTP/1.1\r\nHost: a\r\n"), step: 3);

        Assert.Equal(HttpParseStatus.NeedMoreData, outcome.Status);
    }

    [Fact]
    public void Parse_BufferShorterThanWhatWasExamined_Throws()
    {
        var parser = new HttpRequestParser();
        Assert.Equal(HttpParseStatus.NeedMoreData, parser.Parse(new ReadOnlySequence<byte>(Bytes("GET / HTTP/1.1\r\nHost: abcdef")), _head).Status);

        Assert.Throws<InvalidOperationException>(() => parser.Parse(new ReadOnlySequence<byte>(Bytes("Ho")), _head));
    }

    [Fact]
    public void Reset_MidHead_NextCallStartsOver()
    {
        var parser = new HttpRequestParser();
        Assert.Equal(HttpParseStatus.NeedMoreData, parser.Parse(new ReadOnlySequence<byte>(Bytes("GET /old HTTP/1.1\r\nHo")), _head).Status);

        parser.Reset();
        var outcome = Request(parser, _head, Bytes("GET /new HTTP/1.1\r\nHost: a\r\n\r\n"));

        Assert.Equal((HttpParseStatus.Complete, "/new", 1), (outcome.Status, _head.GetTargetString(), _head.HeaderCount));
    }

    [Theory]
    [InlineData("9223372036854775807", HttpParseStatus.Complete)]
    [InlineData("9223372036854775808", HttpParseStatus.Error)]
    public void Parse_ContentLengthAtTheLongBoundary_AcceptedThenOverflow(string value, HttpParseStatus expected)
    {
        var outcome = Request(new HttpRequestParser(), _head, Bytes($"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: {value}\r\n\r\n"));

        Assert.Equal(expected, outcome.Status);
        Assert.Equal(expected == HttpParseStatus.Error ? RejectReason.ContentLengthOverflow : RejectReason.None, outcome.Reason);
    }
}
