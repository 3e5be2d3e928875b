using System.Net;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>The request as the rule engine sees and edits it (one per client connection, reloaded per request).</summary>
internal sealed class RequestMessage : MessageHeaders, IHttpRequestEditor
{
    private HttpSessionInfo _info;
    private string _method = "";
    private string _url = "";
    private string _version = "";

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

    public ReadOnlySpan<char> Method => _method;

    public ReadOnlySpan<char> Url => _url;

    public ReadOnlySpan<char> Version => _version;

    /// <summary>True after <see cref="Load"/> until the next request.</summary>
    public bool IsLoaded { get; private set; }

    public void Load(HttpRequestHead head)
    {
        _method = head.GetMethodString();
        _url = head.GetTargetString();
        _version = head.Version == HttpProtocolVersion.Http10 ? "1.0" : "1.1";
        LoadHeaders(head);
        IsLoaded = true;
    }

    public void Unload() => IsLoaded = false;

    public void SetUrl(ReadOnlySpan<char> url) => _url = url.ToString();
}
