using System.Net;
using System.Text;
using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// The state of one request as rules and log formats see it: the request (and later the response) views plus the
/// session facts the forwarder learns along the way (backend, server, timers, bytes). The forwarder keeps one per
/// client connection and calls <see cref="Reset"/> before each request, so nothing here is allocated per request.
/// Not thread-safe: one request at a time.
/// </summary>
public sealed class HttpTransaction(IHttpRequestView request)
{
    private char[] _value = new char[256];

    /// <summary>The request; set it again when the forwarder swaps views.</summary>
    public IHttpRequestView Request { get; set; } = request;

    /// <summary>The server's response once received; null while request rules run.</summary>
    public IHttpResponseView? Response { get; set; }

    /// <summary>The frontend's name (<c>%f</c>, <c>%ft</c>); empty until set.</summary>
    public string FrontendName { get; set; } = "";

    /// <summary>The chosen backend (<c>%b</c>); null before switching.</summary>
    public string? BackendName { get; set; }

    /// <summary>The chosen server (<c>%s</c>); null before balancing.</summary>
    public string? ServerName { get; set; }

    /// <summary>The local address of the server connection (<c>%bi</c>); null before connecting.</summary>
    public IPAddress? BackendSourceAddress { get; set; }

    /// <summary>The local port of the server connection (<c>%bp</c>); 0 before connecting.</summary>
    public int BackendSourcePort { get; set; }

    /// <summary>The server's address (<c>%si</c>); null before connecting.</summary>
    public IPAddress? ServerAddress { get; set; }

    /// <summary>The server's port (<c>%sp</c>); 0 before connecting.</summary>
    public int ServerPort { get; set; }

    /// <summary>Milliseconds the server took to send the response head (<c>%Tr</c>); -1 = not known (HAProxy prints -1).</summary>
    public long ServerResponseTime { get; set; } = -1;

    /// <summary>Milliseconds the request has been active (<c>%Ta</c>); -1 = not known.</summary>
    public long ActiveTime { get; set; } = -1;

    /// <summary>Bytes sent from the server to the client so far (<c>%B</c>).</summary>
    public long BytesRead { get; set; }

    /// <summary>When the request was accepted (<c>%t</c> in local time as given, <c>%T</c> in GMT).</summary>
    public DateTimeOffset AcceptTime { get; set; }

    /// <summary>The node's host name (<c>%H</c>); set once by the host.</summary>
    public string HostName { get; set; } = "";

    /// <summary>The process id (<c>%pid</c>); set once by the host.</summary>
    public int ProcessId { get; set; }

    /// <summary>The request's unique id (<c>%ID</c>); null when none was generated.</summary>
    public string? UniqueId { get; set; }

    /// <summary>What fetches read: the request and, once set, the response.</summary>
    public SampleContext Samples => new(Request, Response);

    /// <summary>A reusable builder for values rendered by rules (header values, redirect targets, backend names).</summary>
    internal StringBuilder Scratch { get; } = new(256);

    /// <summary>A second builder, for regex replacements that expand back-references into a rendered template.</summary>
    internal StringBuilder Expansion { get; } = new(256);

    /// <summary>
    /// The value of <paramref name="format"/> for this request: the literal text itself, or the format rendered into
    /// <see cref="Scratch"/> and returned as a span over a reused buffer (valid until the next render).
    /// </summary>
    internal ReadOnlySpan<char> Render(LogFormat.LogFormatString format)
    {
        if (format.LiteralText is { } literal)
        {
            return literal;
        }

        Scratch.Clear();
        format.Render(this, Scratch);
        return ScratchSpan();
    }

    /// <summary>Clears the per-request facts; the connection's request view and host facts stay.</summary>
    public void Reset()
    {
        Response = null;
        BackendName = null;
        ServerName = null;
        BackendSourceAddress = null;
        BackendSourcePort = 0;
        ServerAddress = null;
        ServerPort = 0;
        ServerResponseTime = -1;
        ActiveTime = -1;
        BytesRead = 0;
        UniqueId = null;
    }

    /// <summary>The content of <see cref="Scratch"/> as a span over a reused buffer (valid until the next call).</summary>
    internal ReadOnlySpan<char> ScratchSpan()
    {
        if (_value.Length < Scratch.Length)
        {
            _value = new char[Math.Max(Scratch.Length, _value.Length * 2)];
        }

        Scratch.CopyTo(0, _value, Scratch.Length);
        return _value.AsSpan(0, Scratch.Length);
    }
}
