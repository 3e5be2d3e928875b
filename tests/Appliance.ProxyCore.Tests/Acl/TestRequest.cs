using System.Net;
using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Tests.Acl;

/// <summary>An in-memory request for ACL and rule tests: a list of field lines, editable like the forwarder's.</summary>
internal sealed class TestRequest : IHttpRequestEditor
{
    private readonly List<(string Name, string Value)> _headers = [];
    private string _sni = "";

    public TestRequest(string method = "GET", string url = "/", params (string Name, string Value)[] headers)
    {
        MethodText = method;
        UrlText = url;
        _headers.AddRange(headers);
    }

    public IPAddress ClientAddress { get; set; } = IPAddress.Parse("127.0.0.1");

    public int ClientPort { get; set; } = 54321;

    public IPAddress FrontendAddress { get; set; } = IPAddress.Parse("127.0.0.1");

    public int FrontendPort { get; set; } = 80;

    public bool IsTls { get; set; }

    public ReadOnlySpan<char> SniHost => _sni;

    public bool IsHttp { get; set; } = true;

    public string MethodText { get; set; }

    public string UrlText { get; set; }

    public string VersionText { get; set; } = "1.1";

    public ReadOnlySpan<char> Method => IsHttp ? MethodText : default;

    public ReadOnlySpan<char> Url => IsHttp ? UrlText : default;

    public ReadOnlySpan<char> Version => IsHttp ? VersionText : default;

    public int HeaderCount => _headers.Count;

    public IReadOnlyList<(string Name, string Value)> Headers => _headers;

    public string Sni
    {
        set => _sni = value;
    }

    public ReadOnlySpan<char> GetHeaderName(int index) => _headers[index].Name;

    public ReadOnlySpan<char> GetHeaderValue(int index) => _headers[index].Value;

    public void AddHeader(string name, ReadOnlySpan<char> value) => _headers.Add((name, value.ToString()));

    public void SetHeaderValue(int index, ReadOnlySpan<char> value) => _headers[index] = (_headers[index].Name, value.ToString());

    public void RemoveHeader(int index) => _headers.RemoveAt(index);

    public void SetUrl(ReadOnlySpan<char> url) => UrlText = url.ToString();

    /// <summary>A TCP-mode connection: no request line, no headers.</summary>
    public static TestRequest Tcp(int port = 443, bool tls = false) => new() { IsHttp = false, FrontendPort = port, IsTls = tls };

    /// <summary>The lines as "Name: value", in order.</summary>
    public List<string> HeaderLines() => [.. _headers.Select(h => $"{h.Name}: {h.Value}")];
}
