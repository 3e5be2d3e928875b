namespace Appliance.HaAgent.Configuration;

/// <summary>
/// What a reload does with a changed <c>ha</c> section (docs/ha.md "Reload"), pure: every changed keyword is either
/// applied to the running agent or reported as needing a restart. <see cref="Effective"/> is the section the agent runs
/// with afterwards: the new file's values for the live keywords, the running values for the restart-only ones.
/// </summary>
/// <param name="Effective">The section to run: <c>next</c> with every restart-only keyword kept at its running value.</param>
/// <param name="Applied">The live keywords that changed, each as <c>keyword old -&gt; new</c>, in the reference's order.</param>
/// <param name="NeedsRestart">The restart-only keywords that changed, same form; the running values stay until a restart.</param>
public sealed record HaReloadPlan(HaConfig Effective, IReadOnlyList<string> Applied, IReadOnlyList<string> NeedsRestart)
{
    /// <summary>True when nothing in the section changed.</summary>
    public bool IsEmpty => Applied.Count == 0 && NeedsRestart.Count == 0;

    /// <summary>Compares the running section with the file's (both validated).</summary>
    public static HaReloadPlan Compare(HaConfig running, HaConfig next)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(next);
        var applied = new List<string>();
        var restart = new List<string>();

        // Restart-only: what identifies the router and its sockets, and what the sync and discovery services start with.
        Change(restart, "interface", running.Interface, next.Interface);
        Change(restart, "virtual_router_id", running.VirtualRouterId, next.VirtualRouterId);
        Change(restart, "unicast_src_ip", running.UnicastSource?.ToString() ?? "(primary address)", next.UnicastSource?.ToString() ?? "(primary address)");
        Change(restart, "auth_key_file", running.AuthKeyFile ?? "(none)", next.AuthKeyFile ?? "(none)");
        var modeSwitch = running.IsUnicast != next.IsUnicast;
        if (modeSwitch)
        {
            // Multicast joins 224.0.0.18 on the socket at start; unicast does not.
            restart.Add($"unicast_peer {Peers(running)} -> {Peers(next)}");
        }

        ListChange(restart, "sync_peer", running.SyncPeers, next.SyncPeers, p => $"{p.Name} {p.EndPoint}");
        Change(restart, "sync_listen", running.Sync?.Listen.ToString() ?? "(none)", next.Sync?.Listen.ToString() ?? "(none)");
        Change(restart, "node_name", NodeName(running) ?? "(host name)", NodeName(next) ?? "(host name)");
        Change(restart, "sync_ca", running.Sync?.Security.CaFile ?? "(none)", next.Sync?.Security.CaFile ?? "(none)");
        Change(restart, "sync_cert", running.Sync?.Security.CertificateFile ?? "(none)", next.Sync?.Security.CertificateFile ?? "(none)");
        Change(restart, "sync_key", running.Sync?.Security.KeyFile ?? "(none)", next.Sync?.Security.KeyFile ?? "(none)");
        Change(restart, "sync_psk_file", running.Sync?.Security.PskFile ?? "(none)", next.Sync?.Security.PskFile ?? "(none)");
        Change(restart, "discovery", Discovery(running), Discovery(next));
        Change(restart, "cluster_id", running.Discovery?.ClusterId ?? "(none)", next.Discovery?.ClusterId ?? "(none)");

        // Live: the election's inputs, the addresses, the trackers and the notify program.
        Change(applied, "priority", running.Priority, next.Priority);
        Change(applied, "advert_int", HaTime.Format(running.AdvertInterval), HaTime.Format(next.AdvertInterval));
        Change(applied, "nopreempt", running.Preempt ? "off" : "on", next.Preempt ? "off" : "on");
        Change(applied, "preempt_delay", HaTime.Format(running.PreemptDelay), HaTime.Format(next.PreemptDelay));
        ListChange(applied, "virtual_ipaddress", running.VirtualAddresses, next.VirtualAddresses, v => v.ToString());
        if (!modeSwitch)
        {
            ListChange(applied, "unicast_peer", running.UnicastPeers, next.UnicastPeers, p => p.ToString());
        }

        Change(applied, "garp_master_delay", HaTime.Format(running.Garp.MasterDelay), HaTime.Format(next.Garp.MasterDelay));
        Change(applied, "garp_master_repeat", running.Garp.MasterRepeat, next.Garp.MasterRepeat);
        Change(applied, "garp_interval", HaTime.Format(running.Garp.Interval), HaTime.Format(next.Garp.Interval));
        Change(applied, "garp_master_refresh", HaTime.Format(running.Garp.MasterRefresh), HaTime.Format(next.Garp.MasterRefresh));
        ListChange(applied, "track_interface", running.TrackInterfaces, next.TrackInterfaces, t => $"{t.Interface} weight {t.Weight}");
        ListChange(applied, "track_script", running.TrackScripts, next.TrackScripts, t => t.Name);
        Change(applied, "track_proxy", Tracked(running.TrackProxy), Tracked(next.TrackProxy));
        Change(applied, "notify", running.Notify ?? "(none)", next.Notify ?? "(none)");
        Change(applied, "notify_timeout", HaTime.Format(running.NotifyTimeout), HaTime.Format(next.NotifyTimeout));
        Change(applied, "state", running.InitialStateHint?.ToString() ?? "(none)", next.InitialStateHint?.ToString() ?? "(none)");

        var effective = next with
        {
            Interface = running.Interface,
            VirtualRouterId = running.VirtualRouterId,
            UnicastSource = running.UnicastSource,
            AuthKeyFile = running.AuthKeyFile,
            UnicastPeers = modeSwitch ? running.UnicastPeers : next.UnicastPeers,
            SyncPeers = running.SyncPeers,
            Sync = running.Sync,
            Discovery = running.Discovery,
        };
        return new HaReloadPlan(effective, applied, restart);
    }

    /// <summary>
    /// One line for the reload answer and the log: <c>ha: applied priority 150 -&gt; 50; restart needed for interface
    /// eth1 -&gt; eth2 (the running value stays)</c>, or <c>ha: unchanged</c>.
    /// </summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "ha: unchanged";
        }

        var parts = new List<string>(2);
        if (Applied.Count > 0)
        {
            parts.Add($"applied {string.Join(", ", Applied)}");
        }

        if (NeedsRestart.Count > 0)
        {
            parts.Add($"restart needed for {string.Join(", ", NeedsRestart)} (the running value{(NeedsRestart.Count == 1 ? " stays" : "s stay")} until then)");
        }

        return $"ha: {string.Join("; ", parts)}";
    }

    private static void Change<T>(List<string> into, string keyword, T running, T next)
    {
        if (!EqualityComparer<T>.Default.Equals(running, next))
        {
            into.Add($"{keyword} {running} -> {next}");
        }
    }

    private static void ListChange<T>(List<string> into, string keyword, IReadOnlyList<T> running, IReadOnlyList<T> next, Func<T, string> show)
    {
        if (running.SequenceEqual(next))
        {
            return;
        }

        var changes = next.Except(running).Select(v => $"+{show(v)}").Concat(running.Except(next).Select(v => $"-{show(v)}")).ToList();
        into.Add(changes.Count == 0 ? $"{keyword} reordered" : $"{keyword} {string.Join(" ", changes)}");
    }

    private static string Peers(HaConfig config) => config.IsUnicast ? string.Join(" ", config.UnicastPeers) : "(multicast)";

    private static string? NodeName(HaConfig config) => config.Sync?.NodeName ?? config.Discovery?.NodeName;

    private static string Discovery(HaConfig config) => config.Discovery is { } d ? $"mdns sync_port {d.SyncPort}" : "off";

    private static string Tracked(TrackProxyConfig? proxy) => proxy is null ? "off" : $"weight {proxy.Weight}";
}
