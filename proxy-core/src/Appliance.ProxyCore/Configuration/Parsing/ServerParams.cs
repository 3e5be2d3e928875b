using System.Net;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// The parameters of a server while its line is read. A backend's <c>default-server</c> lines fill one instance that
/// every <c>server</c> line of the backend starts from (a copy); defaults sections pass theirs on the same way.
/// </summary>
internal sealed class ServerParams
{
    public bool Check { get; set; }

    public TimeSpan Inter { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan? FastInter { get; set; }

    public TimeSpan? DownInter { get; set; }

    public int Rise { get; set; } = 2;

    public int Fall { get; set; } = 3;

    public int? CheckPort { get; set; }

    public IPAddress? CheckAddress { get; set; }

    public int Weight { get; set; } = 1;

    public int MaxConn { get; set; }

    public int PoolMaxConn { get; set; } = -1;

    public int MaxQueue { get; set; }

    public bool Backup { get; set; }

    public bool Disabled { get; set; }

    public string? Cookie { get; set; }

    public bool AgentCheck { get; set; }

    public int? AgentPort { get; set; }

    public TimeSpan? AgentInter { get; set; }

    public IPAddress? AgentAddress { get; set; }

    public string? AgentHost { get; set; }

    public string? AgentSend { get; set; }

    public List<string> OtherOptions { get; private set; } = [];

    public ServerParams Clone()
    {
        var copy = (ServerParams)MemberwiseClone();
        copy.OtherOptions = [.. OtherOptions];
        return copy;
    }
}
