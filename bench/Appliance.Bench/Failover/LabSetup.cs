using System.Globalization;
using Appliance.LabTests.Infrastructure;
using Appliance.LabTests.Infrastructure.Sticky;

namespace Appliance.Bench.Failover;

/// <summary>
/// One namespace lab built by lab/lab.sh (PREFIX-sw/lb1/lb2/be/cl, VIP 10.213.0.10) and the configurations both
/// implementations run in it. The proxy part is lab.sh's own (a TCP listener on VIP:8080 to the socat backend, checks
/// every 500 ms) for ours and for haproxy alike; the election settings are the same on both sides: VRID 51,
/// priorities 150 and 100, the advert interval under test, VRRPv3, eth0 tracked, second GARP burst after 1 s.
/// Our nodes also run state sync as a deployed pair does (<c>node_name</c>, <c>sync_listen</c>, <c>sync_peer</c>,
/// <c>sync_psk_file</c>, the state-sync cell's lines): the backup's liveness connection to the master's sync port is
/// what lets it tell a dead master process from a silent host (docs/ha.md "Fast takeover when the master process dies").
/// </summary>
internal sealed class LabSetup(string prefix, string labScript, string appliance, string workdir, int advertMs)
{
    public const string Vip = "10.213.0.10";

    /// <summary>The port of the HTTP listener added for the load cell (nginx in PREFIX-be behind it).</summary>
    public const int WebPort = 8081;

    public string Prefix { get; } = prefix;

    public string Workdir { get; } = workdir;

    public string Appliance { get; } = appliance;

    public int AdvertMs { get; } = advertMs;

    /// <summary>True when the configs carry the HTTP listener on VIP:8081 (the load cell).</summary>
    public bool WithWebListener { get; init; }

    /// <summary>True (the default) when our nodes run state sync with each other over a pre-shared key.</summary>
    public bool WithSync { get; init; } = true;

    /// <summary>The cluster's pre-shared key file (made by `appliance cluster gen-psk` on first use).</summary>
    public string PskFile => Path.Combine(Workdir, "sync.psk");

    public string Namespace(string host) => $"{Prefix}-{host}";

    public void Up() => Commands.Check("bash", labScript, "up", Prefix);

    public void Down() => Commands.Run("bash", [labScript, "down", Prefix]);

    /// <summary>Sets <paramref name="node"/>'s port on the lab's switch up or down (lab.sh port).</summary>
    public void Port(string node, bool up) => Commands.Check("bash", labScript, "port", Prefix, node, up ? "up" : "down");

    public LabProcess Backend() => new("backend", ["bash", labScript, "backend", Prefix]);

    /// <summary>lab.sh's node config with the advert interval under test (and the web listener when asked for).</summary>
    public string ApplianceConfig(string node, int priority)
    {
        var (proxy, ha) = Split(node, priority);
        ha = ha.Replace("advert_int 100ms", $"advert_int {AdvertMs}ms", StringComparison.Ordinal);
        if (WithSync)
        {
            if (!File.Exists(PskFile))
            {
                Commands.Check(Appliance, "cluster", "gen-psk", "--out", PskFile);
            }

            ha += string.Concat(StickyConfigs.SyncHaLines(node, PskFile).Select(line => $"    {line}\n"));
        }

        return proxy + ha;
    }

    /// <summary>The same proxy sections for haproxy (lab.sh's config without its ha section).</summary>
    public string HaproxyConfig(string node) => Split(node, 100).Proxy;

    /// <summary>keepalived with the same election settings as <see cref="ApplianceConfig"/>.</summary>
    public string KeepalivedConfig(string node, int priority) => $$"""
        global_defs {
            router_id {{node}}
            vrrp_version 3
        }
        vrrp_instance VI_51 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority {{priority}}
            advert_int {{(AdvertMs / 1000.0).ToString(CultureInfo.InvariantCulture)}}
            garp_master_delay 1
            track_interface {
                eth0
            }
            virtual_ipaddress {
                {{Vip}}/24
            }
        }

        """;

    private (string Proxy, string Ha) Split(string node, int priority)
    {
        var config = Commands.Check("bash", labScript, "config", Prefix, node, priority.ToString(CultureInfo.InvariantCulture));
        var at = config.IndexOf("\nha\n", StringComparison.Ordinal);
        if (at < 0 || !config.Contains("advert_int 100ms", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"lab.sh config changed shape (no 'ha' section or no 'advert_int 100ms'):\n{config}");
        }

        var proxy = config[..(at + 1)];
        if (WithWebListener)
        {
            proxy += $"""

                listen web
                    mode http
                    bind {Vip}:{WebPort}
                    server web1 10.213.0.21:{WebPort}

                """;
        }

        return (proxy, config[(at + 1)..]);
    }
}
