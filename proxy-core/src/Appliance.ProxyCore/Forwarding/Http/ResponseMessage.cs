using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>The response as the rule engine sees and edits it: spans over the head's text (see <see cref="MessageHeaders"/>).</summary>
internal sealed class ResponseMessage : MessageHeaders, IHttpResponseEditor
{
    private string? _reason;
    private int _reasonStart;
    private int _reasonLength;

    public int Status { get; private set; }

    /// <summary>The reason phrase: as received, or the one <see cref="SetStatus"/> gave.</summary>
    public ReadOnlySpan<char> Reason => _reason ?? TextAt(_reasonStart, _reasonLength);

    public void Load(HttpResponseHead head)
    {
        LoadHeaders(head);
        Status = head.StatusCode;
        _reason = null;
        _reasonStart = head.ReasonOffset;
        _reasonLength = head.ReasonPhrase.Length;
    }

    public void SetStatus(int status, string? reason)
    {
        Status = status;
        _reason = reason ?? HttpErrorResponses.ReasonPhrase(status);
    }
}
