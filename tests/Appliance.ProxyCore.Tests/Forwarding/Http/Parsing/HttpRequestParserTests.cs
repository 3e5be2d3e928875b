using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using static Appliance.ProxyCore.Tests.Forwarding.Http.Parsing.Feed;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

public sealed class HttpRequestParserTests : IDisposable
{
    private readonly HttpRequestParser _parser = new();
    private readonly HttpRequestHead _head = new();

    public void Dispose() => _head.Dispose();

    private HeadOutcome Parse(string raw, HttpRequestParser? parser = null) => Request(parser ?? _parser, _head, Bytes(raw));

    private HeadOutcome ParseComplete(string raw)
    {
        var outcome = Parse(raw);
        Assert.True(outcome.Status == HttpParseStatus.Complete, $"{outcome.Status} {outcome.Code}");
        return outcome;
    }

    [Fact]
    public void Parse_GetWithKeepAlive_ExposesRequestLineHeadersAndPersistence()
    {
        const string raw = "GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nConnection: keep-alive\r\nAccept: */*\r\n\r\n";

        var outcome = ParseComplete(raw);

        Assert.Equal(raw.Length, outcome.End);
        Assert.Equal(HttpMethodKind.Get, _head.Method);
        Assert.Equal("GET", _head.GetMethodString());
        Assert.Equal("/index.html?q=1", _head.GetTargetString());
        Assert.Equal(RequestTargetForm.Origin, _head.TargetForm);
        Assert.Equal("/index.html?q=1", Encoding.ASCII.GetString(_head.PathAndQuery));
        Assert.Equal("example.com", _head.GetAuthorityString());
        Assert.Equal(HttpProtocolVersion.Http11, _head.Version);
        Assert.Equal(3, _head.HeaderCount);
        Assert.Equal("Connection", _head.GetHeader(1).GetNameString());
        Assert.Equal("keep-alive", _head.GetHeader(1).GetValueString());
        Assert.Equal(KnownHeader.Connection, _head.GetHeader(1).Known);
        Assert.Equal(BodyFraming.None, _head.Framing);
        Assert.Equal(ConnectionOptions.KeepAlive, _head.ConnectionOptions);
        Assert.False(_head.MustClose);
        Assert.True(_head.KeepAlive);
        Assert.Equal(raw, Encoding.Latin1.GetString(_head.RawBytes));
        Assert.Equal("GET /index.html?q=1 HTTP/1.1", _head.ToString());
    }

    [Fact]
    public void Parse_PostWithContentLength_FramingIsContentLengthAndBodyStartsAfterHead()
    {
        const string head = "POST /form HTTP/1.1\r\nHost: example.com\r\nContent-Length: 11\r\n\r\n";

        var outcome = ParseComplete(head + "hello world");

        Assert.Equal(head.Length, outcome.End);
        Assert.Equal(HttpMethodKind.Post, _head.Method);
        Assert.Equal(BodyFraming.ContentLength, _head.Framing);
        Assert.Equal(11, _head.ContentLength);
    }

    [Fact]
    public void Parse_ContentLengthZeroAndLeadingZeros_Accepted()
    {
        ParseComplete("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
        Assert.Equal(0, _head.ContentLength);

        ParseComplete("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 007\r\n\r\n");
        Assert.Equal(7, _head.ContentLength);

        ParseComplete("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775807\r\n\r\n");
        Assert.Equal(long.MaxValue, _head.ContentLength);
    }

    [Theory]
    [InlineData("chunked")]
    [InlineData("Chunked")]
    [InlineData("CHUNKED")]
    [InlineData("  chunked \t")]
    public void Parse_TransferEncodingChunkedAnyCaseWithOws_FramingIsChunked(string value)
    {
        ParseComplete($"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:{value}\r\n\r\n");

        Assert.Equal(BodyFraming.Chunked, _head.Framing);
        Assert.Equal(-1, _head.ContentLength);
    }

    [Fact]
    public void Parse_Http10WithoutHostOrKeepAlive_AcceptedAndMustClose()
    {
        ParseComplete("GET / HTTP/1.0\r\n\r\n");

        Assert.Equal(HttpProtocolVersion.Http10, _head.Version);
        Assert.True(_head.MustClose);
        Assert.True(_head.Authority.IsEmpty);
    }

    [Fact]
    public void Parse_Http10WithKeepAlive_Persists()
    {
        ParseComplete("GET / HTTP/1.0\r\nHost: a\r\nConnection: Keep-Alive\r\n\r\n");

        Assert.False(_head.MustClose);
    }

    [Theory]
    [InlineData("close")]
    [InlineData("keep-alive, close")]
    [InlineData("Upgrade, CLOSE")]
    [InlineData(", close,")]
    public void Parse_Http11ConnectionClose_MustClose(string value)
    {
        ParseComplete($"GET / HTTP/1.1\r\nHost: a\r\nConnection: {value}\r\n\r\n");

        Assert.True(_head.MustClose);
        Assert.True(_head.ConnectionOptions.HasFlag(ConnectionOptions.Close));
    }

    [Fact]
    public void Parse_ConnectionWithHopByHopNames_OnlyKnownOptionsFlagged()
    {
        ParseComplete("GET / HTTP/1.1\r\nHost: a\r\nConnection: X-Private, keep-alive\r\nX-Private: 1\r\n\r\n");

        Assert.Equal(ConnectionOptions.KeepAlive, _head.ConnectionOptions);
        Assert.Equal("1", _head.GetHeaderString("x-private"));
    }

    [Fact]
    public void Parse_AbsoluteForm_AuthorityAndPathFromTarget()
    {
        ParseComplete("GET http://Example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");

        Assert.Equal(RequestTargetForm.Absolute, _head.TargetForm);
        Assert.Equal("Example.com:8080", _head.GetAuthorityString());
        Assert.Equal("/a/b?c=d", Encoding.ASCII.GetString(_head.PathAndQuery));
    }

    [Theory]
    [InlineData("http://example.com/", "example.com")]
    [InlineData("http://example.com/", "example.com:80")]
    [InlineData("http://example.com:80/", "example.com")]
    [InlineData("https://example.com/", "example.com:443")]
    [InlineData("HTTPS://EXAMPLE.COM:443?x", "example.com")]
    public void Parse_AbsoluteFormWithDefaultPortSpelledEitherWay_HostMatches(string target, string host)
    {
        ParseComplete($"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n");

        Assert.Equal(RequestTargetForm.Absolute, _head.TargetForm);
    }

    [Fact]
    public void Parse_AbsoluteFormWithoutPath_PathAndQueryEmpty()
    {
        ParseComplete("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n");

        Assert.True(_head.PathAndQuery.IsEmpty);
    }

    [Fact]
    public void Parse_OptionsAsterisk_Accepted()
    {
        ParseComplete("OPTIONS * HTTP/1.1\r\nHost: example.com\r\n\r\n");

        Assert.Equal(HttpMethodKind.Options, _head.Method);
        Assert.Equal(RequestTargetForm.Asterisk, _head.TargetForm);
        Assert.Equal("*", Encoding.ASCII.GetString(_head.PathAndQuery));
    }

    [Theory]
    [InlineData("example.com:443")]
    [InlineData("example.com")]
    public void Parse_ConnectAuthorityForm_Accepted(string host)
    {
        ParseComplete($"CONNECT example.com:443 HTTP/1.1\r\nHost: {host}\r\n\r\n");

        Assert.Equal(HttpMethodKind.Connect, _head.Method);
        Assert.Equal(RequestTargetForm.Authority, _head.TargetForm);
        Assert.Equal("example.com:443", _head.GetAuthorityString());
        Assert.Equal(BodyFraming.None, _head.Framing);
    }

    [Fact]
    public void Parse_ConnectToIpv6Literal_Accepted()
    {
        ParseComplete("CONNECT [2001:db8::1]:8443 HTTP/1.1\r\nHost: [2001:db8::1]:8443\r\n\r\n");

        Assert.Equal("[2001:db8::1]:8443", _head.GetAuthorityString());
    }

    [Fact]
    public void Parse_WebSocketUpgrade_ExposesUpgrade()
    {
        ParseComplete("GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

        Assert.True(_head.IsUpgradeRequest);
        Assert.Equal("websocket", Encoding.ASCII.GetString(_head.Upgrade));
        Assert.Equal(ConnectionOptions.Upgrade, _head.ConnectionOptions);
        Assert.Equal("13", _head.GetHeaderString("Sec-WebSocket-Version"));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\n\r\n")]
    [InlineData("GET / HTTP/1.0\r\nHost: a\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n")]
    public void Parse_UpgradeWithoutBothFieldsOrInHttp10_NotAnUpgrade(string raw)
    {
        ParseComplete(raw);

        Assert.False(_head.IsUpgradeRequest);
        Assert.True(_head.Upgrade.IsEmpty);
    }

    [Theory]
    [InlineData("HTTP/1.1", "100-continue", true)]
    [InlineData("HTTP/1.1", "100-Continue", true)]
    [InlineData("HTTP/1.1", "something-else", false)]
    [InlineData("HTTP/1.0", "100-continue", false)]
    public void Parse_Expect_ExpectContinueOnlyForHttp11(string version, string value, bool expected)
    {
        ParseComplete($"PUT /f {version}\r\nHost: a\r\nExpect: {value}\r\nContent-Length: 3\r\n\r\n");

        Assert.Equal(expected, _head.ExpectContinue);
    }

    [Theory]
    [InlineData("get", HttpMethodKind.Other)]
    [InlineData("PROPFIND", HttpMethodKind.Other)]
    [InlineData("M-SEARCH", HttpMethodKind.Other)]
    [InlineData("HEAD", HttpMethodKind.Head)]
    [InlineData("PUT", HttpMethodKind.Put)]
    [InlineData("DELETE", HttpMethodKind.Delete)]
    [InlineData("TRACE", HttpMethodKind.Trace)]
    [InlineData("PATCH", HttpMethodKind.Patch)]
    public void Parse_MethodTokens_CaseSensitiveKind(string method, HttpMethodKind kind)
    {
        ParseComplete($"{method} / HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal(kind, _head.Method);
        Assert.Equal(method, _head.GetMethodString());
    }

    [Theory]
    [InlineData("/a|b{c}^d`e\"f<g>h\\i")]
    [InlineData("/%zz%41?x=%")]
    [InlineData("//double//slashes")]
    public void Parse_TargetWithCommonUnescapedBytes_Accepted(string target)
    {
        ParseComplete($"GET {target} HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal(target, _head.GetTargetString());
    }

    [Fact]
    public void Parse_HeaderValues_OwsTrimmedInnerSpacesKeptObsTextAndEmptyAccepted()
    {
        ParseComplete("GET / HTTP/1.1\r\nHost: a\r\nX-A: \t one  two \t\r\nX-Empty:\r\nX-Latin: caf\u00e9\r\n\r\n");

        Assert.Equal("one  two", _head.GetHeaderString("X-A"));
        Assert.Equal("", _head.GetHeaderString("x-empty"));
        Assert.Equal("caf\u00e9", _head.GetHeaderString("X-Latin"));
    }

    [Fact]
    public void Parse_DuplicateHeaders_KeptInOrder()
    {
        ParseComplete("GET / HTTP/1.1\r\nX-A: 1\r\nHost: a\r\nx-a: 2\r\nX-A: 3\r\n\r\n");

        var first = _head.IndexOfHeader("X-A"u8);
        var second = _head.IndexOfHeader("X-A"u8, first + 1);
        var third = _head.IndexOfHeader("X-A"u8, second + 1);
        Assert.Equal((0, 2, 3), (first, second, third));
        Assert.Equal("x-a", _head.GetHeader(second).GetNameString());
        Assert.Equal(-1, _head.IndexOfHeader("X-A"u8, third + 1));
        Assert.True(_head.TryGetHeader("HOST"u8, out var host));
        Assert.Equal("a", host.GetValueString());
        Assert.False(_head.TryGetHeader("X-Missing"u8, out _));
        Assert.Null(_head.GetHeaderString("X-Missing"));
    }

    [Fact]
    public void Parse_HostForms_Accepted()
    {
        foreach (var host in new[] { "a", "example.com:8080", "[::1]", "[2001:db8::1]:443", "10.0.0.1:80", "xn--bcher-kva.example", "a_b.example", "%41.example" })
        {
            var outcome = Parse($"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
            Assert.True(outcome.Status == HttpParseStatus.Complete, $"{host}: {outcome.Code}");
            Assert.Equal(host, _head.GetAuthorityString());
        }
    }

    [Fact]
    public void Parse_UpToMaxLeadingEmptyLines_Skipped()
    {
        const string request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

        var outcome = ParseComplete("\r\n\r\n\r\n\r\n" + request);

        Assert.Equal(8 + request.Length, outcome.End);
        Assert.Equal(request, Encoding.ASCII.GetString(_head.RawBytes));
    }

    [Fact]
    public void Parse_HeadExactlyAtSizeLimit_AcceptedOneByteMoreRefusedWith431()
    {
        const string prefix = "GET / HTTP/1.1\r\nHost: a\r\nX: ";
        var limits = new HttpParserLimits { MaxHeaderSectionSize = 200 };
        var fits = prefix + new string('v', 200 - prefix.Length - 4) + "\r\n\r\n";
        Assert.Equal(200, fits.Length);

        Assert.Equal(HttpParseStatus.Complete, Parse(fits, new HttpRequestParser(limits)).Status);
        var over = Parse(prefix + new string('v', 200 - prefix.Length - 3) + "\r\n\r\n", new HttpRequestParser(limits));
        Assert.Equal((HttpParseStatus.Error, 431, RejectReason.HeaderSectionTooLarge), (over.Status, over.StatusCode, over.Reason));
    }

    [Fact]
    public void Parse_ExactlyMaxHeaderCount_AcceptedOneMoreRefusedWith431()
    {
        var limits = new HttpParserLimits { MaxHeaderCount = 3 };

        Assert.Equal(HttpParseStatus.Complete, Parse("GET / HTTP/1.1\r\nHost: a\r\nB: 1\r\nC: 2\r\n\r\n", new HttpRequestParser(limits)).Status);
        var over = Parse("GET / HTTP/1.1\r\nHost: a\r\nB: 1\r\nC: 2\r\nD: 3\r\n\r\n", new HttpRequestParser(limits));
        Assert.Equal((431, RejectReason.HeaderCountExceeded), (over.StatusCode, over.Reason));
    }

    [Fact]
    public void Parse_SecondRequestIntoSameHead_PreviousStateCleared()
    {
        ParseComplete("POST http://a/x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\nUpgrade: h2c\r\nConnection: upgrade, close\r\n\r\n");

        ParseComplete("GET /y HTTP/1.1\r\nHost: b\r\n\r\n");

        Assert.Equal(HttpMethodKind.Get, _head.Method);
        Assert.Equal("/y", _head.GetTargetString());
        Assert.Equal("b", _head.GetAuthorityString());
        Assert.Equal(1, _head.HeaderCount);
        Assert.Equal((BodyFraming.None, -1L, false, false, false), (_head.Framing, _head.ContentLength, _head.ExpectContinue, _head.IsUpgradeRequest, _head.MustClose));
    }

    [Fact]
    public void Parse_AfterError_NextCallStartsANewRequest()
    {
        Assert.Equal(HttpParseStatus.Error, Parse("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n").Status);

        ParseComplete("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal("/ok", _head.GetTargetString());
    }

    [Fact]
    public void GetHeader_IndexOutOfRange_Throws()
    {
        ParseComplete("GET / HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Throws<ArgumentOutOfRangeException>(() => _head.GetHeader(1));
    }

    [Fact]
    public void Parse_WarmParserAndHead_AllocatesNothing()
    {
        var raw = Bytes("POST http://example.com/upload?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: test\r\nAccept: */*\r\n" +
            "Content-Length: 5\r\nConnection: keep-alive\r\nExpect: 100-continue\r\nX-Forwarded-For: 10.0.0.1\r\n\r\nhello");
        var buffer = new System.Buffers.ReadOnlySequence<byte>(raw);
        Assert.True(_parser.Parse(buffer, _head).IsComplete);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _parser.Parse(buffer, _head);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
