using System.Text;
using Appliance.ProxyCore.LoadBalancing;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// A parsed, validated request head. Spans point into the head's own buffer and stay valid until the head is parsed
/// into again; the string accessors allocate and are meant for logs, rules and tests. One per client connection.
/// </summary>
public sealed class HttpRequestHead : HttpMessageHead, IBalanceRequest
{
    private int _methodLength;
    private int _targetStart;
    private int _targetLength;
    private RequestTarget _target;
    private int _hostIndex = -1;
    private int _upgradeIndex = -1;

    /// <summary>The method, or <see cref="HttpMethodKind.Other"/> for any other token (methods are case-sensitive).</summary>
    public HttpMethodKind Method { get; internal set; }

    /// <summary>The method as sent.</summary>
    public ReadOnlySpan<byte> MethodBytes => Slice(0, _methodLength);

    /// <summary>The request-target as sent.</summary>
    public ReadOnlySpan<byte> Target => Slice(_targetStart, _targetLength);

    /// <summary>Which of the four forms the target has.</summary>
    public RequestTargetForm TargetForm => _target.Form;

    /// <summary>
    /// The authority to route on: the target's for absolute- and authority-form (RFC 9112 §3.2.2: the target wins; and
    /// we have already refused a Host that disagrees with it), else the Host value; empty for an HTTP/1.0 request
    /// without Host.
    /// </summary>
    public ReadOnlySpan<byte> Authority => _target.Form is RequestTargetForm.Absolute or RequestTargetForm.Authority
        ? Slice(_targetStart + _target.AuthorityStart, _target.AuthorityLength)
        : _hostIndex >= 0 ? ValueOf(_hostIndex) : default;

    /// <summary>
    /// The path and query to send to an origin server: the whole target for origin-form, the part after the authority
    /// for absolute-form (empty means "/", RFC 9112 §3.2.1), <c>*</c> for asterisk-form, empty for authority-form.
    /// </summary>
    public ReadOnlySpan<byte> PathAndQuery => Slice(_targetStart + _target.PathStart, _targetLength - _target.PathStart);

    /// <summary>True for an HTTP/1.1 request with <c>Expect: 100-continue</c> (RFC 9110 §10.1.1; ignored in HTTP/1.0).</summary>
    public bool ExpectContinue { get; internal set; }

    /// <summary>
    /// True for an HTTP/1.1 request with an Upgrade field and the <c>upgrade</c> Connection option (RFC 9110 §7.8;
    /// HTTP/1.0 upgrades are ignored as the RFC requires).
    /// </summary>
    public bool IsUpgradeRequest => _upgradeIndex >= 0;

    /// <summary>The Upgrade value (e.g. <c>websocket</c>) of an upgrade request; empty otherwise.</summary>
    public ReadOnlySpan<byte> Upgrade => _upgradeIndex >= 0 ? ValueOf(_upgradeIndex) : default;

    /// <summary>True when the connection may carry another request after this one (the opposite of MustClose).</summary>
    public bool KeepAlive => !MustClose;

    /// <summary>Where <see cref="Target"/> starts in <see cref="HttpMessageHead.RawBytes"/> (the method starts at 0).</summary>
    internal int TargetOffset => _targetStart;

    public string GetMethodString() => Encoding.ASCII.GetString(MethodBytes);

    public string GetTargetString() => Encoding.ASCII.GetString(Target);

    public string GetAuthorityString() => Encoding.ASCII.GetString(Authority);

    /// <summary>The target as a string, made only when a balancing algorithm asks (<c>balance uri</c>).</summary>
    string? IBalanceRequest.Uri => GetTargetString();

    string? IBalanceRequest.GetHeader(string name) => GetHeaderString(name);

    public override string ToString() => _targetLength == 0 ? "(empty)" : $"{GetMethodString()} {GetTargetString()} HTTP/1.{(int)Version % 10}";

    internal void SetRequestLine(int methodLength, HttpMethodKind method, int targetStart, int targetLength, in RequestTarget target)
    {
        _methodLength = methodLength;
        Method = method;
        _targetStart = targetStart;
        _targetLength = targetLength;
        _target = target;
    }

    internal void SetHostIndex(int index) => _hostIndex = index;

    internal void SetUpgradeIndex(int index) => _upgradeIndex = index;

    internal override void Reset()
    {
        base.Reset();
        _methodLength = 0;
        _targetStart = 0;
        _targetLength = 0;
        _target = default;
        _hostIndex = -1;
        _upgradeIndex = -1;
        Method = HttpMethodKind.Other;
        ExpectContinue = false;
    }
}
