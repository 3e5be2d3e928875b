using System.Net;
using System.Net.Sockets;
using Appliance.Contracts;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Configuration;

/// <summary>The keywords of the <c>ha</c> section and how each reads its arguments (docs/ha.md lists them).</summary>
internal static class HaKeywords
{
    public const string Interface = "interface";
    public const string VirtualRouterId = "virtual_router_id";
    public const string VirtualIpAddress = "virtual_ipaddress";
    public const string Nopreempt = "nopreempt";
    public const string PreemptDelay = "preempt_delay";
    public const string UnicastSourceIp = "unicast_src_ip";
    public const string UnicastPeer = "unicast_peer";

    private const string IntegerToPriority = "an integer from 1 to 255";
    private const string InterfaceExpectation = "one interface name (1 to 15 characters, no '/', ':' or spaces)";
    private const string AddressExpectation = "an IPv4 address";
    private const string VirtualAddressExpectation = "ADDR[/PREFIX] [dev IF] with an IPv4 address and a prefix length from 0 to 32";
    private const string SyncPeerExpectation = "NAME ADDR:PORT with an address a.b.c.d or [IPv6] and a port from 1 to 65535";

    // RFC 5798 §5.2.7: a 12-bit field in centiseconds; zero would be no interval at all.
    private static readonly TimeSpan MinAdvertInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxAdvertInterval = TimeSpan.FromMilliseconds(40_950);

    // keepalived's range for preempt_delay; garp_master_delay shares it for want of a better bound.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1000);

    public static IReadOnlyDictionary<string, HaKeyword> All { get; } = new HaKeyword[]
    {
        new(Interface, false, (line, b, d) =>
        {
            if (ReadInterface(line, d) is { } name)
            {
                b.Interface = name;
            }
        }),
        new(VirtualRouterId, false, (line, b, d) => ReadInteger(line, d, 1, 255, IntegerToPriority, v => b.VirtualRouterId = (byte)v)),
        new("priority", false, (line, b, d) => ReadInteger(line, d, 1, 255, IntegerToPriority, v => b.Priority = (byte)v)),
        new("advert_int", false, ReadAdvertInterval),
        new(Nopreempt, false, (line, b, d) =>
        {
            if (NoArguments(line, d))
            {
                b.Preempt = false;
            }
        }),
        new(PreemptDelay, false, (line, b, d) =>
            ReadTime(line, d, TimeSpan.Zero, MaxDelay, "a time from 0 to 1000s", v => b.PreemptDelay = v)),
        new(VirtualIpAddress, true, ReadVirtualAddress),
        new(UnicastSourceIp, false, (line, b, d) => ReadAddress(line, d, v => b.UnicastSource = v)),
        new(UnicastPeer, true, (line, b, d) => ReadAddress(line, d, peer =>
        {
            var earlier = b.UnicastPeers.FirstOrDefault(p => p.Peer == peer);
            if (earlier.Line is not null)
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.AlreadyListed(UnicastPeer, peer.ToString(), earlier.Line)));
                return;
            }

            b.UnicastPeers.Add((peer, line));
        })),
        new(HaSyncKeywords.SyncPeer, true, ReadSyncPeer),
        new("auth_key_file", false, (line, b, d) =>
        {
            if (HaArguments.TrySingle(line, "one file path", d, out var path))
            {
                b.AuthKeyFile = path;
            }
        }),
        new("garp_master_delay", false, (line, b, d) =>
            ReadTime(line, d, TimeSpan.Zero, MaxDelay, "a time from 0 (no second burst) to 1000s", v => b.GarpMasterDelay = v)),
        new("garp_master_repeat", false, (line, b, d) =>
            ReadInteger(line, d, 1, 100, "an integer from 1 to 100", v => b.GarpMasterRepeat = v)),
        new("garp_interval", false, (line, b, d) =>
            ReadTime(line, d, TimeSpan.Zero, TimeSpan.FromSeconds(1), "a time from 0 to 1s", v => b.GarpInterval = v)),
        new("garp_master_refresh", false, ReadGarpRefresh),
        new("track_interface", true, HaTrackKeywords.ReadTrackInterface),
        new("track_script", true, HaTrackKeywords.ReadTrackScript),
        new("track_proxy", false, HaTrackKeywords.ReadTrackProxy),
        new("notify", false, (line, b, d) =>
        {
            if (HaArguments.TrySingle(line, "one program path", d, out var path))
            {
                b.Notify = path;
            }
        }),
        new("notify_timeout", false, (line, b, d) =>
            ReadTime(line, d, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "a time from 1s to 1h", v => b.NotifyTimeout = v)),
        new("state", false, ReadState),
        new(HaDiscoveryKeywords.Discovery, false, HaDiscoveryKeywords.ReadDiscovery),
        new(HaDiscoveryKeywords.ClusterId, false, HaDiscoveryKeywords.ReadClusterId),
        new(HaDiscoveryKeywords.NodeName, false, HaDiscoveryKeywords.ReadNodeName),
        new("vrrp_version", false, (line, _, d) =>
        {
            if (HaArguments.TrySingle(line, "3, the only version supported (RFC 5798)", d, out var version) && version != "3")
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, "3, the only version supported (RFC 5798)", version)));
            }
        }),
    }.Concat(HaSyncKeywords.All).ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static string? ReadInterface(HaConfigLine line, List<HaDiagnostic> d)
    {
        if (!HaArguments.TrySingle(line, InterfaceExpectation, d, out var name))
        {
            return null;
        }

        if (!HaArguments.IsInterfaceName(name))
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, InterfaceExpectation, name)));
            return null;
        }

        return name;
    }

    private static bool NoArguments(HaConfigLine line, List<HaDiagnostic> d)
    {
        if (line.Arguments.Count == 0)
        {
            return true;
        }

        d.Add(HaDiagnostic.Error(line, HaConfigMessages.NoArguments(line.Keyword, line.Arguments)));
        return false;
    }

    private static void ReadInteger(HaConfigLine line, List<HaDiagnostic> d, int min, int max, string expectation, Action<int> set)
    {
        if (!HaArguments.TrySingle(line, expectation, d, out var text))
        {
            return;
        }

        if (HaArguments.TryInteger(text, min, max, out var value))
        {
            set(value);
        }
        else
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, expectation, text)));
        }
    }

    private static void ReadTime(
        HaConfigLine line, List<HaDiagnostic> d, TimeSpan min, TimeSpan max, string expectation, Action<TimeSpan> set)
    {
        if (!HaArguments.TrySingle(line, expectation, d, out var text))
        {
            return;
        }

        if (HaArguments.TryTime(text, min, max, out var value))
        {
            set(value);
        }
        else
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, expectation, text)));
        }
    }

    private static void ReadAdvertInterval(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        const string Expectation = "a time from 10ms to 40.95s in steps of 10ms, such as 1, 1s, 100ms or 0.1";
        ReadTime(line, d, TimeSpan.Zero, TimeSpan.MaxValue, Expectation, value =>
        {
            if (value < MinAdvertInterval || value > MaxAdvertInterval || value.Ticks % MinAdvertInterval.Ticks != 0)
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, Expectation, line.Arguments[0])));
                return;
            }

            b.AdvertInterval = value;
        });
    }

    private static void ReadGarpRefresh(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        // A refresh faster than a second is an ARP storm, not a refresh.
        const string Expectation = "0 (off) or a time from 1s to 24h";
        ReadTime(line, d, TimeSpan.Zero, TimeSpan.FromHours(24), Expectation, value =>
        {
            if (value != TimeSpan.Zero && value < TimeSpan.FromSeconds(1))
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, Expectation, line.Arguments[0])));
                return;
            }

            b.GarpMasterRefresh = value;
        });
    }

    private static void ReadAddress(HaConfigLine line, List<HaDiagnostic> d, Action<Ipv4Address> set)
    {
        if (!HaArguments.TrySingle(line, AddressExpectation, d, out var text))
        {
            return;
        }

        if (Ipv4Address.TryParse(text, out var address))
        {
            set(address);
        }
        else
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, AddressExpectation, text)));
        }
    }

    private static void ReadVirtualAddress(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        var args = line.Arguments;
        var shapeOk = args.Count == 1 || (args.Count == 3 && args[1] == "dev" && HaArguments.IsInterfaceName(args[2]));
        var parts = args.Count > 0 ? args[0].Split('/') : [];
        var prefix = 32;
        if (!shapeOk
            || parts.Length > 2
            || !Ipv4Address.TryParse(parts[0], out var address)
            || (parts.Length == 2 && !HaArguments.TryInteger(parts[1], 0, 32, out prefix)))
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, VirtualAddressExpectation, args)));
            return;
        }

        var earlier = b.VirtualAddresses.FirstOrDefault(v => v.Address.Address == address);
        if (earlier.Line is not null)
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.AlreadyListed(line.Keyword, address.ToString(), earlier.Line)));
            return;
        }

        b.VirtualAddresses.Add((new VirtualAddressConfig(address, prefix, args.Count == 3 ? args[2] : null), line));
    }

    private static void ReadSyncPeer(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        var args = line.Arguments;
        if (args.Count != 2 || !TryEndPoint(args[1], out var endPoint))
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, SyncPeerExpectation, args)));
            return;
        }

        var earlier = b.SyncPeers.FirstOrDefault(p => p.Peer.Name == args[0]);
        if (earlier.Line is not null)
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.AlreadyListed(line.Keyword, $"'{args[0]}'", earlier.Line)));
            return;
        }

        b.SyncPeers.Add((new SyncPeerConfig(args[0], endPoint), line));
    }

    public static bool TryEndPoint(string text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !HaArguments.TryInteger(text[(colon + 1)..], 1, 65535, out var port))
        {
            return false;
        }

        var host = text[..colon];
        IPAddress? address;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IPAddress.TryParse(host[1..^1], out address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
        }
        else if (Ipv4Address.TryParse(host, out var v4))
        {
            address = v4.ToIPAddress();
        }
        else
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    private static void ReadState(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        if (!HaArguments.TrySingle(line, "MASTER or BACKUP", d, out var text))
        {
            return;
        }

        switch (text.ToUpperInvariant())
        {
            case "MASTER":
                b.InitialStateHint = HaRole.Master;
                break;
            case "BACKUP":
                b.InitialStateHint = HaRole.Backup;
                break;
            default:
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, "MASTER or BACKUP", text)));
                break;
        }
    }
}
