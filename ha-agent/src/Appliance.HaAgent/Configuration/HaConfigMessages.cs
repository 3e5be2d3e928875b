namespace Appliance.HaAgent.Configuration;

/// <summary>Every diagnostic text of the <c>ha</c> section in one place, so wording stays uniform and tests can pin it.</summary>
internal static class HaConfigMessages
{
    public static string Given(IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? "nothing" : $"'{string.Join(' ', arguments)}'";

    public static string Expects(string keyword, string expectation, IReadOnlyList<string> given) =>
        $"'{keyword}' expects {expectation} (got {Given(given)})";

    public static string Expects(string keyword, string expectation, string given) =>
        $"'{keyword}' expects {expectation} (got '{given}')";

    public static string NoArguments(string keyword, IReadOnlyList<string> given) =>
        $"'{keyword}' takes no arguments (got {Given(given)})";

    public static string UnknownKeyword(string keyword, string? hint) =>
        hint is null ? $"unknown keyword '{keyword}' in 'ha' section" : $"unknown keyword '{keyword}' in 'ha' section; {hint}";

    public static string DidYouMean(string keyword) => $"did you mean '{keyword}'?";

    public static string KeepalivedBlock(string keyword) =>
        $"'{keyword}' takes its value on the line, one per line: keepalived's '{{ }}' blocks are not used in the 'ha' section";

    public static string AlreadySet(string keyword, HaConfigLine first) =>
        $"'{keyword}' is already set at {first.File}:{first.Line}; keep one";

    public static string AlreadyListed(string keyword, string value, HaConfigLine first) =>
        $"'{keyword}' {value} is already listed at {first.File}:{first.Line}";

    public static string Required(string keyword) => $"'ha' section requires '{keyword}' (none given)";

    public static string RequiredOne(string keyword) => $"'ha' section requires at least one '{keyword}' (none given)";

    public static string OptionExpects(string subject, string option, string expectation, string given) =>
        $"'{subject}' option '{option}' expects {expectation} (got '{given}')";

    public static string OptionMissingValue(string subject, string option, string expectation) =>
        $"'{subject}' option '{option}' expects {expectation} (got nothing)";

    public static string UnknownOption(string subject, string option, IReadOnlyList<string> allowed) =>
        allowed.Count == 1
            ? $"'{subject}' has no option '{option}'; the only option is '{allowed[0]}'"
            : $"'{subject}' has no option '{option}'; options are {string.Join(", ", allowed.Select(a => $"'{a}'"))}";

    public static string OptionTwice(string subject, string option) => $"'{subject}' gives option '{option}' twice";

    public static string StateIgnored() =>
        "'state MASTER' is accepted for keepalived compatibility but ignored: the election decides who is master " +
        "(priority 255 makes a node master at start-up)";

    public static string PreemptDelayWithNopreempt(HaConfigLine nopreempt) =>
        $"'preempt_delay' has no effect with 'nopreempt' (set at {nopreempt.File}:{nopreempt.Line})";

    public static string UnicastSourceWithoutPeers() =>
        "'unicast_src_ip' has no effect without 'unicast_peer': adverts go to multicast 224.0.0.18";

    public static string PeerIsSelf(string peer) => $"'unicast_peer' {peer} is this node's own 'unicast_src_ip'";

    public static string TooManyAddresses(int count) =>
        $"'virtual_ipaddress' is listed {count} times; an advert carries at most 255 addresses (RFC 5798 §5.2.5)";

    public static string VrrpV2AuthHint() =>
        "VRRPv2 authentication does not exist in VRRPv3 (RFC 5798 §9): use 'auth_key_file' for our HMAC extension";

    public static string DiscoveryNeedsClusterId() =>
        "'discovery mdns' requires 'cluster_id' (none given): peers are matched by it";

    public static string NeedsDiscovery(string keyword) => $"'{keyword}' has no effect without 'discovery mdns'";

    public static string NodeNameUnused() => "'node_name' has no effect without 'discovery mdns' or 'sync_peer'";

    public static string NeedsSyncPeer(string keyword) =>
        $"'{keyword}' has no effect without 'sync_peer' (or 'discovery mdns' with 'sync_psk_file' or 'sync_ca'/'sync_cert'/'sync_key')";

    public static string SyncNeedsSecurity() =>
        "'sync_peer' needs peer authentication (sync has no unauthenticated mode): 'sync_ca', 'sync_cert' and 'sync_key' " +
        "for mutual TLS, or 'sync_psk_file' (none given); 'appliance cluster init-ca' and 'appliance cluster gen-psk' make them";

    public static string SyncSecurityTwice(HaConfigLine tls) =>
        $"'sync_psk_file' and mutual TLS ('{tls.Keyword}' at {tls.File}:{tls.Line}) exclude each other; keep one";

    public static string SyncTlsIncomplete(string given, IReadOnlyList<string> missing) =>
        $"'{given}' turns on mutual TLS for sync, which also needs {string.Join(" and ", missing.Select(m => $"'{m}'"))} (none given)";

    public static string SyncPeerIsSelf(string name) => $"'sync_peer' '{name}' is this node's own 'node_name'";

    public static string SyncPeerIsListen(string endPoint, HaConfigLine listen) =>
        $"'sync_peer' {endPoint} is this node's own 'sync_listen' ({listen.File}:{listen.Line})";

    public static string DiscoveryPortDiffers(int announced, int listening) =>
        $"'discovery mdns' announces sync port {announced} but 'sync_listen' listens on {listening}: peers that discover this node will not reach it";
}
