namespace Appliance.ProxyCore.Configuration;

/// <summary>Messages of <c>stick-table</c>, <c>stick</c> and the <c>peers</c> section.</summary>
internal static partial class ConfigMessages
{
    public const string StickTableTypes = "'ip', 'ipv6', 'integer' or 'string'";

    public static string StickTableMissing(string where, string what) => $"'stick-table' {where} expects {what} (got nothing)";

    public static string StickTableUnknownType(string where, string got, string? hint) =>
        $"'stick-table' {where}: 'type' expects {StickTableTypes} (got '{got}'){Hint(hint)}";

    public static string StickTableBinaryType(string where) =>
        $"'stick-table' {where}: 'type binary' is not supported; use 'type string' for text keys";

    public static string StickTableLenNotHere(string where, string type) =>
        $"'stick-table' {where}: 'len' only follows 'type string' (got it after 'type {type}')";

    public static string StickTableBadNumber(string where, string word, string expected, string got) =>
        $"'stick-table' {where}: '{word}' expects {expected} (got '{got}')";

    public static string StickTableBadExpire(string where, string got) =>
        $"'stick-table' {where}: 'expire' expects {TimeSyntax}, at most 24 days (got '{got}')";

    public static string StickTableUnknownWord(string where, string got, string? hint) =>
        $"'stick-table' {where}: unknown argument '{got}', expects 'type', 'size', 'expire', 'nopurge', 'peers', 'srvkey' or 'store'{Hint(hint)}";

    public static string StickTableStoreUnsupported(string where, string type) =>
        $"'stick-table' {where}: 'store {type}' is not supported: this build keeps only the server of each entry (HAProxy's 'server_id'), there are no 'track-sc' counters";

    public static string StickTableSrvKeyUnsupported(string where, string got) =>
        $"'stick-table' {where}: 'srvkey' expects 'name' (entries always name their server; got '{got}')";

    public static string StickTableWriteTo(string where) => $"'stick-table' {where}: 'write-to' is not supported (it arrived after HAProxy 2.6)";

    public static string StickTableDuplicate(string where, SourceLocation first) =>
        $"'stick-table' {where}: the proxy already declares a table at {first}; a proxy holds one table";

    public static string StickTableNameConflict(string where, SourceLocation first) =>
        $"'stick-table' {where}: another proxy of the same name declares a table at {first}; table names must be unique";

    public static string StickTableUnknownPeers(string where, string name, string? hint) =>
        $"'stick-table' {where}: 'peers' names no 'peers' section '{name}'{Hint(hint)}";

    public static string StickExpectsRule(string where, string got) =>
        $"'stick' {where} expects 'on', 'match', 'store-request' or 'store-response' (got '{got}')";

    public static string StickMissingPattern(string where, string rule) =>
        $"'stick {rule}' {where} expects a pattern such as 'src' or 'req.cook(JSESSIONID)' (got nothing)";

    public static string StickSubject(string rule, string where) => $"'stick {rule}' {where}";

    public static string StickUnknownWord(string subject, string got) =>
        $"{subject}: unknown argument '{got}', expects 'table NAME', 'if' or 'unless'";

    public static string StickMissingTable(string subject) => $"{subject}: 'table' expects a table name (got nothing)";

    public static string StickUnknownTable(string subject, string table, string? hint) =>
        $"{subject}: no stick-table '{table}' (a table is declared by 'stick-table' in the proxy of that name){Hint(hint)}";

    public static string StickResponseFetchInRequest(string subject, string fetch) =>
        $"{subject}: '{fetch}' reads the response, which does not exist yet; use it in 'stick store-response'";

    public static string StickRequestFetchInResponse(string subject, string fetch) =>
        $"{subject}: '{fetch}' reads the request headers, which 'stick store-response' cannot see; use 'stick store-request'";

    public static string StickTypeMismatch(string subject, string fetch, string table, string tableType, string given) =>
        $"{subject}: '{fetch}' gives {given}, which table '{table}' of type '{tableType}' cannot hold";

    public static string StickNeedsHttp(string subject, string fetch) =>
        $"{subject}: '{fetch}' reads HTTP messages; in 'mode tcp' only connection fetches such as 'src' work";

    public static string PeersMissingName() => "'peers' expects a section name (got nothing)";

    public static string PeersDuplicate(string name, SourceLocation first) =>
        $"'peers' section '{name}' is declared twice (first at {first})";

    public static string PeersUnknownKeyword(string name, string got, string? hint) =>
        $"unknown keyword '{got}' in 'peers' section '{name}', expects 'peer', 'server', 'disabled' or 'enabled'{Hint(hint)}";

    public static string PeerExpects(string keyword, string name, string got) =>
        $"'{keyword}' in 'peers' section '{name}' expects a node name and an IPADDR:PORT address (got '{got}')";

    public static string PeerBadAddress(string keyword, string name, string got, string detail) =>
        $"'{keyword}' in 'peers' section '{name}' expects an IPADDR:PORT address (got '{got}': {detail})";

    public static string PeerDuplicate(string peer, string name, SourceLocation first) =>
        $"peer '{peer}' appears twice in 'peers' section '{name}' (first at {first})";

    public static string PeersIgnored(string keyword, string name) =>
        $"'{keyword}' in 'peers' section '{name}' is ignored: tables replicate over the appliance's gRPC sync (see 'sync_peer' in the 'ha' section), not HAProxy's peers protocol";

    public static string PeersTableUnsupported(string name) =>
        $"'table' in 'peers' section '{name}' is not supported; declare the table with 'stick-table ... peers {name}' in a backend";
}
