using Appliance.Contracts;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Configuration;

/// <summary>The section's values while it is being read; <see cref="Build"/> freezes them into a <see cref="HaConfig"/>.</summary>
internal sealed class HaConfigBuilder
{
    private readonly Dictionary<string, HaConfigLine> _firstSeen = new(StringComparer.Ordinal);

    public string? Interface { get; set; }

    public byte? VirtualRouterId { get; set; }

    public byte Priority { get; set; } = HaConfig.DefaultPriority;

    public TimeSpan AdvertInterval { get; set; } = HaConfig.DefaultAdvertInterval;

    public bool Preempt { get; set; } = true;

    public TimeSpan PreemptDelay { get; set; }

    public List<(VirtualAddressConfig Address, HaConfigLine Line)> VirtualAddresses { get; } = [];

    public Ipv4Address? UnicastSource { get; set; }

    public List<(Ipv4Address Peer, HaConfigLine Line)> UnicastPeers { get; } = [];

    public List<(SyncPeerConfig Peer, HaConfigLine Line)> SyncPeers { get; } = [];

    public string? AuthKeyFile { get; set; }

    public TimeSpan GarpMasterDelay { get; set; } = GarpConfig.Default.MasterDelay;

    public int GarpMasterRepeat { get; set; } = GarpConfig.Default.MasterRepeat;

    public TimeSpan GarpInterval { get; set; } = GarpConfig.Default.Interval;

    public TimeSpan GarpMasterRefresh { get; set; } = GarpConfig.Default.MasterRefresh;

    public List<(TrackInterfaceConfig Track, HaConfigLine Line)> TrackInterfaces { get; } = [];

    public List<(TrackScriptConfig Track, HaConfigLine Line)> TrackScripts { get; } = [];

    public TrackProxyConfig? TrackProxy { get; set; }

    public string? Notify { get; set; }

    public TimeSpan NotifyTimeout { get; set; } = HaConfig.DefaultNotifyTimeout;

    public HaRole? InitialStateHint { get; set; }

    public bool DiscoveryEnabled { get; set; }

    public int DiscoverySyncPort { get; set; } = DiscoveryConfig.DefaultSyncPort;

    public string? ClusterId { get; set; }

    public string? NodeName { get; set; }

    public System.Net.IPEndPoint? SyncListen { get; set; }

    public string? SyncCa { get; set; }

    public string? SyncCert { get; set; }

    public string? SyncKey { get; set; }

    public string? SyncPskFile { get; set; }

    /// <summary>Records the first line of a single-valued keyword; returns that earlier line when this is a repeat.</summary>
    public HaConfigLine? MarkSeen(HaConfigLine line)
    {
        if (_firstSeen.TryGetValue(line.Keyword, out var first))
        {
            return first;
        }

        _firstSeen[line.Keyword] = line;
        return null;
    }

    /// <summary>The line where <paramref name="keyword"/> was first given, if it was.</summary>
    public HaConfigLine? SeenAt(string keyword) => _firstSeen.GetValueOrDefault(keyword);

    public HaConfig Build() => new(
        Interface ?? throw new InvalidOperationException("validation lets no section without 'interface' through"),
        VirtualRouterId ?? throw new InvalidOperationException("validation lets no section without 'virtual_router_id' through"),
        Priority,
        AdvertInterval,
        Preempt,
        PreemptDelay,
        [.. VirtualAddresses.Select(v => v.Address)],
        UnicastSource,
        [.. UnicastPeers.Select(p => p.Peer)],
        [.. SyncPeers.Select(p => p.Peer)],
        AuthKeyFile,
        new GarpConfig(GarpMasterDelay, GarpMasterRepeat, GarpInterval, GarpMasterRefresh),
        [.. TrackInterfaces.Select(t => t.Track)],
        [.. TrackScripts.Select(t => t.Track)],
        TrackProxy,
        Notify,
        NotifyTimeout,
        InitialStateHint,
        DiscoveryEnabled ? new DiscoveryConfig(ClusterId!, NodeName, DiscoverySyncPort) : null,
        HaSyncKeywords.Build(this));
}
