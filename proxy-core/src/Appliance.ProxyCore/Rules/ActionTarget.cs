namespace Appliance.ProxyCore.Rules;

/// <summary>What an action works on: the message's headers, the request or response editor, and the transaction.</summary>
public readonly struct ActionTarget(HttpTransaction transaction, IHttpHeaderEditor headers, IHttpRequestEditor? request, IHttpResponseEditor? response)
{
    public HttpTransaction Transaction { get; } = transaction;

    /// <summary>The headers of the message the rule list is about (request for http-request, response for http-response).</summary>
    public IHttpHeaderEditor Headers { get; } = headers;

    /// <summary>The request, when an http-request rule runs.</summary>
    public IHttpRequestEditor? Request { get; } = request;

    /// <summary>The response, when an http-response rule runs.</summary>
    public IHttpResponseEditor? Response { get; } = response;
}
