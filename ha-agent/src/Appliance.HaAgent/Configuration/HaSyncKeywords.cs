using System.Net;

namespace Appliance.HaAgent.Configuration;

/// <summary>
/// <c>sync_listen</c>, <c>sync_ca</c>, <c>sync_cert</c>, <c>sync_key</c> and <c>sync_psk_file</c>: this node's side of
/// state sync. With <c>sync_peer</c> lines the section must choose one authentication mode (there is no
/// unauthenticated sync); with <c>discovery mdns</c> an authentication mode alone turns sync on (peers are discovered);
/// otherwise these keywords only warn.
/// </summary>
internal static class HaSyncKeywords
{
    public const string SyncPeer = "sync_peer";
    public const string SyncListen = "sync_listen";
    public const string SyncCa = "sync_ca";
    public const string SyncCert = "sync_cert";
    public const string SyncKey = "sync_key";
    public const string SyncPskFile = "sync_psk_file";

    private const string ListenExpectation = "ADDR:PORT with an address a.b.c.d or [IPv6] (0.0.0.0 = all) and a port from 1 to 65535";

    private static readonly string[] TlsKeywords = [SyncCa, SyncCert, SyncKey];

    public static IEnumerable<HaKeyword> All { get; } =
    [
        new(SyncListen, false, ReadListen),
        new(SyncCa, false, (line, b, d) => ReadFile(line, d, "one file path: the cluster CA certificate (PEM)", v => b.SyncCa = v)),
        new(SyncCert, false, (line, b, d) => ReadFile(line, d, "one file path: this node's certificate (PEM)", v => b.SyncCert = v)),
        new(SyncKey, false, (line, b, d) => ReadFile(line, d, "one file path: this node's private key (PEM)", v => b.SyncKey = v)),
        new(SyncPskFile, false, (line, b, d) => ReadFile(line, d, "one file path: the cluster's pre-shared key (base64)", v => b.SyncPskFile = v)),
    ];

    /// <summary>
    /// Checks that need the whole section: with sync exactly one authentication mode, no peer that is this node. Sync
    /// runs with <c>sync_peer</c> lines, or with <c>discovery mdns</c> and an authentication mode (the peers are then
    /// the discovered nodes of the cluster).
    /// </summary>
    public static void Validate(HaConfigLine section, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        string[] syncOnly = [SyncListen, .. TlsKeywords, SyncPskFile];
        if (!IsOn(b))
        {
            foreach (var keyword in syncOnly)
            {
                if (b.SeenAt(keyword) is { } line)
                {
                    d.Add(HaDiagnostic.Warning(line, HaConfigMessages.NeedsSyncPeer(keyword)));
                }
            }

            return;
        }

        var tlsGiven = TlsKeywords.Where(k => b.SeenAt(k) is not null).ToList();
        if (b.SeenAt(SyncPskFile) is { } psk)
        {
            if (tlsGiven.Count > 0)
            {
                d.Add(HaDiagnostic.Error(psk, HaConfigMessages.SyncSecurityTwice(b.SeenAt(tlsGiven[0])!)));
            }
        }
        else if (tlsGiven.Count == 0)
        {
            // Only with sync_peer lines: with discovery alone, sync is on only when a mode is given.
            d.Add(HaDiagnostic.Error(b.SyncPeers[0].Line, HaConfigMessages.SyncNeedsSecurity()));
        }
        else if (tlsGiven.Count < TlsKeywords.Length)
        {
            var missing = TlsKeywords.Except(tlsGiven).ToList();
            d.Add(HaDiagnostic.Error(b.SeenAt(tlsGiven[0])!, HaConfigMessages.SyncTlsIncomplete(tlsGiven[0], missing)));
        }

        if (b.NodeName is { } self)
        {
            foreach (var (peer, line) in b.SyncPeers.Where(p => p.Peer.Name == self))
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.SyncPeerIsSelf(peer.Name)));
            }
        }

        if (b.SyncListen is { } listen)
        {
            foreach (var (peer, line) in b.SyncPeers.Where(p => p.Peer.EndPoint.Equals(listen)))
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.SyncPeerIsListen(peer.EndPoint.ToString(), b.SeenAt(SyncListen)!)));
            }

            if (b.DiscoveryEnabled && b.SeenAt(HaDiscoveryKeywords.Discovery) is { } discovery && b.DiscoverySyncPort != listen.Port)
            {
                d.Add(HaDiagnostic.Warning(discovery, HaConfigMessages.DiscoveryPortDiffers(b.DiscoverySyncPort, listen.Port)));
            }
        }
    }

    /// <summary>The sync part of the built section: null when sync is off (see <see cref="IsOn"/>).</summary>
    public static SyncConfig? Build(HaConfigBuilder b) => !IsOn(b)
        ? null
        : new SyncConfig(
            b.SyncListen ?? new IPEndPoint(IPAddress.Any, b.DiscoveryEnabled ? b.DiscoverySyncPort : SyncConfig.DefaultPort),
            b.NodeName,
            b.SyncPskFile is { } psk
                ? SyncSecurityConfig.PreSharedKey(psk)
                : SyncSecurityConfig.MutualTls(b.SyncCa!, b.SyncCert!, b.SyncKey!));

    /// <summary>
    /// Sync runs with <c>sync_peer</c> lines, or with <c>discovery mdns</c> and an authentication mode
    /// (<c>sync_psk_file</c>, or any of <c>sync_ca</c>/<c>sync_cert</c>/<c>sync_key</c>: a partial trio is then an error).
    /// </summary>
    private static bool IsOn(HaConfigBuilder b) =>
        b.SyncPeers.Count > 0
        || (b.DiscoveryEnabled && (b.SeenAt(SyncPskFile) is not null || TlsKeywords.Any(k => b.SeenAt(k) is not null)));

    private static void ReadListen(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        if (!HaArguments.TrySingle(line, ListenExpectation, d, out var text))
        {
            return;
        }

        if (HaKeywords.TryEndPoint(text, out var endPoint))
        {
            b.SyncListen = endPoint;
        }
        else
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, ListenExpectation, text)));
        }
    }

    private static void ReadFile(HaConfigLine line, List<HaDiagnostic> d, string expectation, Action<string> set)
    {
        if (HaArguments.TrySingle(line, expectation, d, out var path))
        {
            set(path);
        }
    }
}
