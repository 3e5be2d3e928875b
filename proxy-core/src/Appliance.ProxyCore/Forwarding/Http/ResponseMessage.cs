using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>The response as the rule engine sees and edits it.</summary>
internal sealed class ResponseMessage : MessageHeaders, IHttpResponseEditor
{
    private string _reason = "";

    public int Status { get; private set; }

    public string Reason => _reason;

    public void Load(HttpResponseHead head)
    {
        Status = head.StatusCode;
        _reason = head.GetReasonPhraseString();
        LoadHeaders(head);
    }

    public void SetStatus(int status, string? reason)
    {
        Status = status;
        _reason = reason ?? HttpErrorResponses.ReasonPhrase(status);
    }
}
