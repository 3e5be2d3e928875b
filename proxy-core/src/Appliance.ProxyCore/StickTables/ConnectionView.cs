using System.Net;
using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.StickTables;

/// <summary>What <c>stick</c> rules of a <c>mode tcp</c> backend see: the connection's addresses, no HTTP message.</summary>
internal sealed class ConnectionView(IPEndPoint? client, IPEndPoint? frontend) : IHttpRequestView
{
    public IPAddress ClientAddress { get; } = client?.Address ?? IPAddress.None;

    public int ClientPort { get; } = client?.Port ?? 0;

    public IPAddress FrontendAddress { get; } = frontend?.Address ?? IPAddress.None;

    public int FrontendPort { get; } = frontend?.Port ?? 0;

    public bool IsTls => false;

    public ReadOnlySpan<char> SniHost => default;

    public bool IsHttp => false;

    public ReadOnlySpan<char> Method => default;

    public ReadOnlySpan<char> Url => default;

    public ReadOnlySpan<char> Version => default;

    public int HeaderCount => 0;

    public ReadOnlySpan<char> GetHeaderName(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public ReadOnlySpan<char> GetHeaderValue(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}
