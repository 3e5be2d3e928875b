using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using static Appliance.ProxyCore.Tests.Forwarding.Http.Parsing.Feed;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

public sealed class HttpResponseParserTests : IDisposable
{
    private readonly HttpResponseParser _parser = new();
    private readonly HttpResponseHead _head = new();

    public void Dispose() => _head.Dispose();

    private HeadOutcome Parse(string raw, HttpMethodKind method = HttpMethodKind.Get) => Response(_parser, _head, Bytes(raw), method);

    private HeadOutcome ParseComplete(string raw, HttpMethodKind method = HttpMethodKind.Get)
    {
        var outcome = Parse(raw, method);
        Assert.True(outcome.Status == HttpParseStatus.Complete, $"{outcome.Status} {outcome.Code}");
        return outcome;
    }

    [Fact]
    public void Parse_OkWithContentLength_StatusReasonHeadersAndFraming()
    {
        const string head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n";

        var outcome = ParseComplete(head + "hello");

        Assert.Equal(head.Length, outcome.End);
        Assert.Equal((200, "OK", HttpProtocolVersion.Http11), (_head.StatusCode, _head.GetReasonPhraseString(), _head.Version));
        Assert.Equal((BodyFraming.ContentLength, 5L, false), (_head.Framing, _head.ContentLength, _head.MustClose));
        Assert.Equal("text/plain", _head.GetHeaderString("content-type"));
        Assert.Equal(head, Encoding.ASCII.GetString(_head.RawBytes));
        Assert.Equal("HTTP/1.1 200 OK", _head.ToString());
    }

    [Fact]
    public void Parse_Chunked_FramingIsChunked()
    {
        ParseComplete("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");

        Assert.Equal((BodyFraming.Chunked, false), (_head.Framing, _head.MustClose));
    }

    [Fact]
    public void Parse_NoLength_ReadUntilCloseAndMustClose()
    {
        ParseComplete("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");

        Assert.Equal((BodyFraming.ReadUntilClose, true), (_head.Framing, _head.MustClose));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", HttpMethodKind.Head)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", HttpMethodKind.Head)]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", HttpMethodKind.Head)]
    [InlineData("HTTP/1.1 204 No Content\r\n\r\n", HttpMethodKind.Get)]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", HttpMethodKind.Delete)]
    [InlineData("HTTP/1.1 304 Not Modified\r\nContent-Length: 1234\r\n\r\n", HttpMethodKind.Get)]
    [InlineData("HTTP/1.1 304 Not Modified\r\n\r\n", HttpMethodKind.Get)]
    public void Parse_HeadResponse204And304_NoBodyAndConnectionPersists(string raw, HttpMethodKind method)
    {
        ParseComplete(raw, method);

        Assert.Equal((BodyFraming.None, false), (_head.Framing, _head.MustClose));
    }

    [Fact]
    public void Parse_HeadResponseWithInvalidContentLength_StillRefused()
    {
        var outcome = Parse("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n", HttpMethodKind.Head);

        Assert.Equal((HttpParseStatus.Error, 502, RejectReason.ContentLengthInvalid), (outcome.Status, outcome.StatusCode, outcome.Reason));
    }

    [Theory]
    [InlineData(100, "Continue")]
    [InlineData(102, "Processing")]
    [InlineData(103, "Early Hints")]
    public void Parse_Interim1xx_NoBodyThenTheFinalResponseFollows(int status, string reason)
    {
        var interim = $"HTTP/1.1 {status} {reason}\r\nLink: </style.css>; rel=preload\r\n\r\n";
        const string final = "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
        var bytes = Bytes(interim + final);

        var first = Response(_parser, _head, bytes);
        Assert.Equal((interim.Length, status, true, false, BodyFraming.None), (first.End, _head.StatusCode, _head.IsInterim, _head.IsSwitchingProtocols, _head.Framing));

        var second = Response(_parser, _head, bytes, offset: first.End);
        Assert.Equal((bytes.Length, 201, false, 0L), (second.End, _head.StatusCode, _head.IsInterim, _head.ContentLength));
    }

    [Fact]
    public void Parse_SwitchingProtocols_TunnelAndUpgradeExposed()
    {
        ParseComplete("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");

        Assert.True(_head.IsSwitchingProtocols);
        Assert.False(_head.IsInterim);
        Assert.Equal((BodyFraming.Tunnel, ConnectionOptions.Upgrade), (_head.Framing, _head.ConnectionOptions));
        Assert.Equal("websocket", _head.GetHeaderString("Upgrade"));
    }

    [Theory]
    [InlineData(200, BodyFraming.Tunnel)]
    [InlineData(204, BodyFraming.Tunnel)]
    [InlineData(407, BodyFraming.ContentLength)]
    [InlineData(502, BodyFraming.ContentLength)]
    public void Parse_ResponseToConnect_2xxIsTunnelOthersAreOrdinary(int status, BodyFraming expected)
    {
        ParseComplete($"HTTP/1.1 {status} X\r\nContent-Length: 0\r\n\r\n", HttpMethodKind.Connect);

        Assert.Equal(expected, _head.Framing);
    }

    [Theory]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n", true)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", false)]
    public void Parse_Persistence_FollowsVersionAndConnection(string raw, bool mustClose)
    {
        ParseComplete(raw);

        Assert.Equal(mustClose, _head.MustClose);
    }

    [Theory]
    [InlineData("HTTP/1.1 200\r\n\r\n", "")]
    [InlineData("HTTP/1.1 200 \r\n\r\n", "")]
    [InlineData("HTTP/1.1 404 Not  Found\t!\r\n\r\n", "Not  Found\t!")]
    [InlineData("HTTP/1.1 200 D\u00e9j\u00e0 vu\r\n\r\n", "D\u00e9j\u00e0 vu")]
    public void Parse_ReasonPhrase_EmptyMissingOrWithObsTextAccepted(string raw, string reason)
    {
        ParseComplete(raw);

        Assert.Equal(reason, _head.GetReasonPhraseString());
    }

    public static TheoryData<string, string> MalformedResponses => new()
    {
        { "HTTP/1.1 20 OK\r\n\r\n", "status-code" },
        { "HTTP/1.1 20\r\n\r\n", "status-line" },
        { "HTTP/1.1 2000 OK\r\n\r\n", "status-code" },
        { "HTTP/1.1 2x0 OK\r\n\r\n", "status-code" },
        { "HTTP/1.1 099 Low\r\n\r\n", "status-code" },
        { "HTTP/1.1 600 High\r\n\r\n", "status-code" },
        { "HTTP/1.1  200 OK\r\n\r\n", "status-code" },
        { "HTTP/1.2 200 OK\r\n\r\n", "version-unsupported" },
        { "HTTP/2.0 200 OK\r\n\r\n", "version-unsupported" },
        { "http/1.1 200 OK\r\n\r\n", "status-line" },
        { "HTTP/1.1\t200 OK\r\n\r\n", "status-line" },
        { "ICY 200 OK\r\n\r\n", "status-line" },
        { "HTTP/1.1 200 O\u0000K\r\n\r\n", "status-line" },
        { "HTTP/1.1 200 OK\n\n", "bare-lf" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\n\r\n", "bare-lf" },
        { "\r\nHTTP/1.1 200 OK\r\n\r\n", "empty-lines" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", "cl-duplicate" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n", "cl-duplicate" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n", "cl-list" },
        { "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "cl-invalid" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", "te-with-cl" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "te-not-chunked" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "te-unsupported" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", "te-chunked-twice" },
        { "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "te-http10" },
        { "HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\n\r\n", "obs-fold" },
        { "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\n\r\n", "header-value-ctl" },
        { "HTTP/1.1 200 OK\r\nX-A : b\r\n\r\n", "header-name-ws" },
        { "HTTP/1.1 200 OK\r\nX(A: b\r\n\r\n", "header-name" },
        { "HTTP/1.1 200 OK\r\nConnection: clo\"se\r\n\r\n", "connection" },
    };

    [Theory]
    [MemberData(nameof(MalformedResponses))]
    public void Parse_MalformedResponse_RefusedWith502AndReason(string raw, string code)
    {
        var whole = Parse(raw);
        var byteByByte = Response(new HttpResponseParser(), _head, Bytes(raw), step: 1, segmentSize: 1);

        Assert.Equal((HttpParseStatus.Error, 502, code), (whole.Status, whole.StatusCode, whole.Code));
        Assert.Equal((HttpParseStatus.Error, 502, code), (byteByByte.Status, byteByByte.StatusCode, byteByByte.Code));
    }

    [Fact]
    public void Parse_HeadOverTheLimit_Refused502()
    {
        var outcome = Parse("HTTP/1.1 200 OK\r\nX-Big: " + new string('a', 16 * 1024) + "\r\n\r\n");

        Assert.Equal((502, RejectReason.HeaderSectionTooLarge), (outcome.StatusCode, outcome.Reason));
    }

    [Fact]
    public void Parse_TooManyHeaders_Refused502()
    {
        var outcome = Parse("HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Range(0, 102).Select(i => $"X-{i}: v\r\n")) + "\r\n");

        Assert.Equal((502, RejectReason.HeaderCountExceeded), (outcome.StatusCode, outcome.Reason));
    }

    [Fact]
    public void Parse_SplitIntoTwoReadsAtEveryIndex_SameHeadAsWholeBuffer()
    {
        var bytes = Bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\nSet-Cookie: a=b\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        var whole = Response(new HttpResponseParser(), _head, bytes);
        var expected = (whole.End, Encoding.ASCII.GetString(_head.RawBytes));

        for (var split = 1; split < bytes.Length; split++)
        {
            var outcome = Response(new HttpResponseParser(), _head, bytes, step: split, segmentSize: 1);
            Assert.Equal(HttpParseStatus.Complete, outcome.Status);
            Assert.Equal(expected, (outcome.End, Encoding.ASCII.GetString(_head.RawBytes)));
            Assert.Equal(BodyFraming.Chunked, _head.Framing);
        }
    }
}
