using System.Net;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The request as the rule engine sees and edits it (one per client connection, reloaded per request): spans over the
/// head's text (see <see cref="MessageHeaders"/>), so ACLs match the received bytes without a string per request.
/// </summary>
internal sealed class RequestMessage : MessageHeaders, IHttpRequestEditor
{
    private HttpSessionInfo _info;
    private int _methodLength;
    private int _urlStart;
    private int _urlLength;
    private bool _http10;

    public RequestMessage(HttpSessionInfo info)
    {
        _info = info;
    }

    /// <summary>Moves the message (a pooled exchange's) to another client connection (null while in the pool).</summary>
    public void Bind(HttpSessionInfo info) => _info = info;

    public IPAddress ClientAddress => _info.Client.Address;

    public int ClientPort => _info.Client.Port;

    public IPAddress FrontendAddress => _info.Frontend.Address;

    public int FrontendPort => _info.Frontend.Port;

    public bool IsTls => _info.IsTls;

    public ReadOnlySpan<char> SniHost => _info.SniHost;

    public bool IsHttp => true;

    /// <summary>The method as received (rules do not change it); it starts the head.</summary>
    public ReadOnlySpan<char> Method => TextAt(0, _methodLength);

    public ReadOnlySpan<char> Url => TextAt(_urlStart, _urlLength);

    public ReadOnlySpan<char> Version => _http10 ? "1.0" : "1.1";

    /// <summary>True after <see cref="Load"/> until the next request.</summary>
    public bool IsLoaded { get; private set; }

    public void Load(HttpRequestHead head)
    {
        LoadHeaders(head);
        _methodLength = head.MethodBytes.Length;
        _urlStart = head.TargetOffset;
        _urlLength = head.Target.Length;
        _http10 = head.Version == HttpProtocolVersion.Http10;
        IsLoaded = true;
    }

    public void Unload() => IsLoaded = false;

    public void SetUrl(ReadOnlySpan<char> url)
    {
        _urlStart = Append(url, default);
        _urlLength = url.Length;
    }
}
