using System.Buffers;
using System.Net;
using System.Text;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Tests.Forwarding.Http;

/// <summary>
/// The rule engine's views of a parsed head (<see cref="RequestMessage"/>, <see cref="ResponseMessage"/>): spans over
/// the head's text, edits that append only what they change, and the head the forwarder writes from them.
/// </summary>
public sealed class MessageHeadersTests
{
    private static readonly HttpSessionInfo Session = new(new IPEndPoint(IPAddress.Loopback, 40000), new IPEndPoint(IPAddress.Loopback, 80), false, "fe");

    [Fact]
    public void Load_ParsedRequest_ExposesStartLineAndFieldsAsReceived()
    {
        using var head = ParseRequest("GET /live/a.ts?x=1 HTTP/1.0\r\nHost: media.test\r\nX-Name: caf\u00e9\r\nX-Name: second\r\n\r\n");
        using var message = new RequestMessage(Session);

        message.Load(head);

        Assert.Equal("GET", message.Method.ToString());
        Assert.Equal("/live/a.ts?x=1", message.Url.ToString());
        Assert.Equal("1.0", message.Version.ToString());
        Assert.Equal(["Host: media.test", "X-Name: caf\u00e9", "X-Name: second"], Lines(message));
    }

    [Fact]
    public void Load_SecondRequest_ForgetsTheFirstAndItsEdits()
    {
        using var message = new RequestMessage(Session);
        using (var first = ParseRequest("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"))
        {
            message.Load(first);
            message.AddHeader("X-Added", "1");
            message.SetUrl("/rewritten");
        }

        using var second = ParseRequest("GET /b HTTP/1.1\r\nHost: b\r\n\r\n");
        message.Load(second);

        Assert.Equal("GET", message.Method.ToString());
        Assert.Equal("/b", message.Url.ToString());
        Assert.Equal("1.1", message.Version.ToString());
        Assert.Equal(["Host: b"], Lines(message));
    }

    [Fact]
    public void Edits_AddSetRemove_ChangeOnlyTheFieldsNamed()
    {
        using var head = ParseRequest("GET / HTTP/1.1\r\nHost: a\r\nAccept: */*\r\nCookie: c=1\r\n\r\n");
        using var message = new RequestMessage(Session);
        message.Load(head);

        message.SetHeaderValue(1, "text/html");
        message.RemoveHeader(2);
        message.AddHeader("X-Forwarded-Proto", "https");
        message.SetUrl("/new?q=2");

        Assert.Equal(["Host: a", "Accept: text/html", "X-Forwarded-Proto: https"], Lines(message));
        Assert.Equal("/new?q=2", message.Url.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => message.RemoveHeader(3));
    }

    [Fact]
    public void SetHeaderValue_ValueFromTheMessageItselfPastTheBufferSize_IsCopiedBeforeTheBufferGrows()
    {
        var longValue = new string('v', 3000);
        using var head = ParseRequest($"GET / HTTP/1.1\r\nHost: a\r\nX-Long: {longValue}\r\n\r\n");
        using var message = new RequestMessage(Session);
        message.Load(head);

        // Each copy of the value appends 3,000 chars to the text: the buffer must grow while the source is a span of it.
        for (var i = 0; i < 4; i++)
        {
            message.SetHeaderValue(0, message.GetHeaderValue(1));
            message.AddHeader("X-Copy", message.GetHeaderValue(0));
        }

        Assert.Equal(longValue, message.GetHeaderValue(0).ToString());
        Assert.Equal(6, message.HeaderCount);
        Assert.All(Enumerable.Range(2, 4), i => Assert.Equal(longValue, message.GetHeaderValue(i).ToString()));
    }

    [Fact]
    public void Apply_PersistenceEdits_RemovesNamedFieldsThenAddsSurvivors()
    {
        using var head = ParseRequest("GET / HTTP/1.1\r\nHost: a\r\nCookie: SERVERID=s1; a=b\r\ncookie: x=y\r\n\r\n");
        using var message = new RequestMessage(Session);
        message.Load(head);
        var edits = new HeaderEdits();
        edits.Set("Cookie", "a=b");
        edits.Add("X-Gone", "1");
        edits.Remove("x-gone");
        edits.Add("X-Kept", "2");

        message.Apply(edits);

        Assert.Equal(["Host: a", "Cookie: a=b", "X-Kept: 2"], Lines(message));
    }

    [Fact]
    public void WriteRequest_EditedMessage_FramingFromTheHeadManagedFieldsDroppedLineBreaksStripped()
    {
        using var head = ParseRequest(
            "POST /a HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\nContent-Length: 3\r\nKeep-Alive: 5\r\nX-Old: 1\r\n\r\n");
        using var message = new RequestMessage(Session);
        message.Load(head);
        message.AddHeader("X-Injected", "a\r\nEvil: 1");
        message.AddHeader("Content-Length", "99");
        message.SetUrl("/b?c");

        var written = Write(w => HttpHeadWriter.WriteRequest(w, head, message, "close"));

        Assert.Equal(
            "POST /b?c HTTP/1.1\r\nContent-Length: 3\r\nHost: a\r\nX-Old: 1\r\nX-Injected: aEvil: 1\r\nConnection: close\r\n\r\n",
            written);
    }

    [Fact]
    public void WriteRequest_LoadedButUnchanged_WritesTheSameFieldsAsTheBytePath()
    {
        using var head = ParseRequest("GET /x HTTP/1.1\r\nHost: a\r\nX-Latin: caf\u00e9\r\nAccept: */*\r\n\r\n");
        using var message = new RequestMessage(Session);
        message.Load(head);

        var fromMessage = Write(w => HttpHeadWriter.WriteRequest(w, head, message, null));
        var fromHead = Write(w => HttpHeadWriter.WriteRequest(w, head, new HeaderEdits(), null));

        Assert.Equal(fromHead, fromMessage);
    }

    [Fact]
    public void WriteResponse_SetStatus_RewritesTheStatusLineAndKeepsTheReasonOtherwise()
    {
        using var head = ParseResponse("HTTP/1.1 200 Fine Thanks\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n");
        using var message = new ResponseMessage();
        message.Load(head);
        message.RemoveHeader(0);

        var kept = Write(w => HttpHeadWriter.WriteResponse(w, head, message, null));
        message.SetStatus(503, null);
        var changed = Write(w => HttpHeadWriter.WriteResponse(w, head, message, "close"));

        Assert.Equal("HTTP/1.1 200 Fine Thanks\r\nContent-Length: 0\r\n\r\n", kept);
        Assert.Equal("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", changed);
        Assert.Equal(503, message.Status);
    }

    private static List<string> Lines(MessageHeaders message) =>
        [.. Enumerable.Range(0, message.HeaderCount).Select(i => $"{message.GetHeaderName(i)}: {message.GetHeaderValue(i)}")];

    private static HttpRequestHead ParseRequest(string text)
    {
        var head = new HttpRequestHead();
        var result = new HttpRequestParser().Parse(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text)), head);
        Assert.True(result.IsComplete, result.Status.ToString());
        return head;
    }

    private static HttpResponseHead ParseResponse(string text)
    {
        var head = new HttpResponseHead();
        var result = new HttpResponseParser().Parse(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text)), head, HttpMethodKind.Get);
        Assert.True(result.IsComplete, result.Status.ToString());
        return head;
    }

    private static string Write(Action<ArrayBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        return Encoding.Latin1.GetString(writer.WrittenSpan);
    }
}
