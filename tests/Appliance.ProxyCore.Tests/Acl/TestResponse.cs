using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Tests.Acl;

/// <summary>An in-memory response for http-response rule tests.</summary>
internal sealed class TestResponse(int status, params (string Name, string Value)[] headers) : IHttpResponseEditor
{
    private readonly List<(string Name, string Value)> _headers = [.. headers];

    public int Status { get; private set; } = status;

    public string? Reason { get; private set; }

    public int HeaderCount => _headers.Count;

    public ReadOnlySpan<char> GetHeaderName(int index) => _headers[index].Name;

    public ReadOnlySpan<char> GetHeaderValue(int index) => _headers[index].Value;

    public void AddHeader(string name, ReadOnlySpan<char> value) => _headers.Add((name, value.ToString()));

    public void SetHeaderValue(int index, ReadOnlySpan<char> value) => _headers[index] = (_headers[index].Name, value.ToString());

    public void RemoveHeader(int index) => _headers.RemoveAt(index);

    public void SetStatus(int status, string? reason)
    {
        Status = status;
        Reason = reason;
    }

    public List<string> HeaderLines() => [.. _headers.Select(h => $"{h.Name}: {h.Value}")];
}
