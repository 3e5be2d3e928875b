using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// Every diagnostic text of the configuration stages, in one place: the parser, the validators and the tests call these
/// methods, so a wording change is made once. <c>where</c> arguments carry their preposition (<see cref="InSection"/>).
/// Messages name the keyword, the section, what was expected and what was given, then a hint when one helps.
/// </summary>
internal static partial class ConfigMessages
{
    /// <summary>How the global section is named in messages.</summary>
    public const string InGlobal = "in global section";

    /// <summary>The syntax of <c>log</c>, quoted by its errors.</summary>
    public const string LogSyntax = "'global' or a target and a facility (e.g. '/dev/log local0')";

    private const string TimeSyntax = "a time like 5000, 5s or 2m (units us, ms, s, m, h, d; a bare number is milliseconds)";

    public static string InSection(ProxyKind? kind, string? name) => kind switch
    {
        null => name is null ? "in defaults section" : $"in defaults '{name}'",
        _ => $"in {KindName(kind)} '{name}'",
    };

    public static string KindName(ProxyKind? kind) => kind switch
    {
        null => "defaults",
        ProxyKind.Frontend => "frontend",
        ProxyKind.Backend => "backend",
        _ => "listen",
    };

    public static string OnServer(string name, string where) => $"on server '{name}' {where}";

    public static string OnDefaultServer(string where) => $"on default-server {where}";

    // Files.
    public static string CannotReadFile(string reason) => $"cannot read configuration file: {reason}";

    // Sections.
    public static string LineOutsideSection(string keyword, string? hint) => hint is null
        ? $"'{keyword}' appears before any section; a configuration starts with a section such as 'global', 'defaults', 'frontend', 'backend' or 'listen'"
        : $"unknown section '{keyword}'{Hint(hint)}";

    public static string SectionWithoutName(string keyword) => $"'{keyword}' expects a name";

    public static string InvalidProxyName(string keyword, string name) =>
        $"{keyword} name '{name}' contains an invalid character (allowed: letters, digits, '-', '_', '.', ':')";

    public static string BadSectionHeader(string keyword, bool allowAddress, string got) =>
        $"'{keyword}' expects NAME{(allowAddress ? " [ADDRESS]" : "")} [from DEFAULTS] (got '{got}')";

    public static string UnknownDefaults(string keyword, string name, string? hint) =>
        $"'{keyword} ... from {name}' names no defaults section declared before it{Hint(hint)}";

    // Keywords and values.
    public static string UnknownKeyword(string keyword, string where, string? hint) => $"unknown keyword '{keyword}' {where}{Hint(hint)}";

    public static string NotAllowedHere(string keyword, string where, string allowedSections) =>
        $"'{keyword}' is not allowed {where}; it is allowed in: {allowedSections}";

    public static string RemovedDirective(RemovedDirective removed) =>
        $"'{removed.Directive}' was removed in HAProxy {removed.Version}; {removed.Advice}";

    public static string MissingArgument(string keyword, string where, string expected) => $"'{keyword}' {where} expects {expected} (got nothing)";

    public static string TooManyArguments(string keyword, string where, string expected, string extra) =>
        $"'{keyword}' {where} expects {expected} (got an extra '{extra}')";

    public static string ExpectsOneOf(string keyword, string where, IEnumerable<string> choices, string? got, string? hint) =>
        $"'{keyword}' {where} expects one of {Quote(choices)} (got {(got is null ? "nothing" : $"'{got}'")}){Hint(hint)}";

    public static string ExpectsInteger(string keyword, string where, int min, int max, string got) => max == int.MaxValue
        ? $"'{keyword}' {where} expects an integer of at least {min} (got '{got}')"
        : $"'{keyword}' {where} expects an integer from {min} to {max} (got '{got}')";

    public static string ExpectsTime(string keyword, string where, string got) => $"'{keyword}' {where} expects {TimeSyntax} (got '{got}')";

    public static string TimeOverflow(string keyword, string where, string got) =>
        $"'{keyword}' {where} expects at most 2147483647 ms (~24.8 days) (got '{got}')";

    public static string InvalidPort(string keyword, string where, string got) =>
        $"'{keyword}' {where} expects a port from 1 to 65535 (got '{got}')";

    public static string ExpectsIp(string keyword, string where, string got) => $"'{keyword}' {where} expects an IP address (got '{got}')";

    public static string ExpectsIpOrHost(string keyword, string where, string got) =>
        $"'{keyword}' {where} expects an IP address or a host name (got '{got}')";

    public static string UnknownOption(string name, string where, string? hint) => $"unknown option '{name}' {where}{Hint(hint)}";

    public static string BadNo(string where, string? got) =>
        $"'no' {where} expects 'option NAME' or 'log' (got {(got is null ? "nothing" : $"'{got}'")})";

    public static string BadHttpCheckSend(string where, string got) =>
        $"'http-check send' {where} expects 'meth M', 'uri U', 'ver V', 'hdr NAME VALUE' or 'body B' (got '{got}')";

    public static string BadLogFacility(string where, string? got, string? hint) =>
        $"'log' {where} expects a syslog facility such as 'local0' after the target (got {(got is null ? "nothing" : $"'{got}'")}){Hint(hint)}";

    // Addresses.
    public static string UnsupportedAddressFamily() => "only IPv4 and IPv6 addresses are supported (no UNIX sockets, fd@ or UDP)";

    public static string BadBracketedAddress() => "an IPv6 address in brackets must look like '[ADDR]' or '[ADDR]:PORT'";

    public static string AddressWithPath(string path) =>
        $"an address has no path (got '{path}'); HAProxy ignores it silently, this parser refuses it: remove it";

    public static string NotAnIpOrHost(string host) => host.Contains(':')
        ? $"'{host}' is not an IP address; write IPv6 addresses as [ADDR]:PORT"
        : $"'{host}' is neither an IP address nor a host name";

    public static string BindNeedsIp(string host) => $"'{host}' is not an IP address ('*' or nothing means every IPv4 address)";

    public static string BadBindAddress(string where, string text, string reason) => $"'bind' {where} has an invalid address '{text}': {reason}";

    public static string BindWithoutPort(string where, string text) =>
        $"'bind' {where} expects an address with a port such as '*:80' (got '{text}')";

    // Servers.
    public static string ServerWithoutName(string where) => $"'server' {where} expects a name and an address (got nothing)";

    public static string ServerWithoutAddress(string name, string where, string? got) => got is null
        ? $"server '{name}' {where} expects an address after its name (got nothing)"
        : $"server '{name}' {where} expects an address after its name (got '{got}', which is a server keyword)";

    public static string BadServerAddress(string name, string where, string text, string reason) =>
        $"server '{name}' {where} has an invalid address '{text}': {reason}";

    public static string UnknownServerKeyword(string keyword, string where, string? hint) => $"unknown server keyword '{keyword}' {where}{Hint(hint)}";

    public static string ServerKeywordWithoutValue(string keyword, string where) => $"'{keyword}' {where} expects a value (got nothing)";

    public static string AgentCheckWithoutPort(string name, string where) =>
        $"server '{name}' {where} has 'agent-check' but no 'agent-port'; the agent has no default port, add 'agent-port PORT'";

    // Validation.
    public static string DuplicateProxyName(ProxyKind kind, string name, ProxyKind otherKind, SourceLocation other) =>
        $"{KindName(kind)} '{name}' has the same name as {KindName(otherKind)} '{name}' declared at {other}";

    public static string FrontendWithoutBind(ProxyKind kind, string name) =>
        $"{KindName(kind)} '{name}' has no 'bind' line; declare it as a backend if that was intended";

    public static string UnknownBackend(string keyword, string where, string name, string? hint) =>
        $"'{keyword}' {where} names backend '{name}', which does not exist{Hint(hint)}";

    public static string BackendIsFrontendOnly(string keyword, string where, string name) =>
        $"'{keyword}' {where} names '{name}', which is a frontend; it must name a backend or a listen section";

    public static string BadBalanceArguments(string algorithm, string where, string detail) => $"'balance {algorithm}' {where}: {detail}";

    public static string DuplicateServer(string name, string where, SourceLocation first) =>
        $"server '{name}' {where} is declared twice (first at {first}); server names must be unique within a backend";

    public static string DuplicateCookie(string name, string where, string cookie, string other, SourceLocation otherLocation) =>
        $"server '{name}' {where} has cookie '{cookie}' like server '{other}' at {otherLocation}; cookie persistence could not tell them apart";

    public static string MissingTimeouts(ProxyKind kind, string name, IReadOnlyList<string> missing) =>
        $"missing timeouts for {KindName(kind)} '{name}': {Quote(missing.Select(m => $"timeout {m}"), "and")} "
        + $"{(missing.Count == 1 ? "is" : "are")} not set; a stalled peer would hold its connection forever, set them to a non-zero value";

    public static string HttpLogInTcp(string option, ProxyKind kind, string name) =>
        $"'option {option}' is not usable in {KindName(kind)} '{name}' (needs 'mode http'); falling back to 'option tcplog'";

    public static string HttpOptionInTcp(string option, ProxyKind kind, string name) =>
        $"'option {option}' is ignored in {KindName(kind)} '{name}' because it requires 'mode http'";

    public static string HttpKeywordInTcp(string keyword, ProxyKind kind, string name) =>
        $"'{keyword}' is ignored in {KindName(kind)} '{name}' because it requires 'mode http'";

    public static string ServerCookieInTcp(string server, string backend) =>
        $"cookie of server '{server}' is ignored in backend '{backend}' because it requires 'mode http'";

    public static string LogFormatWithoutLog(string option, ProxyKind kind, string name) =>
        $"'option {option}' has no effect in {KindName(kind)} '{name}' because it has no 'log' line";

    // Bind options and TLS. Messages about a bind line start with "'bind' in frontend 'x'" (the line number says which).
    public static string UnknownBindOption(string option, string where, string? hint) => $"unknown bind option '{option}' {where}{Hint(hint)}";

    public static string BindOptionWithoutValue(string option, string where) => $"bind option '{option}' {where} expects a value (got nothing)";

    public static string UnsupportedBindOption(string option, string where, string reason) => $"bind option '{option}' {where} is not supported: {reason}";

    public static string CrtWithoutSsl(string where) =>
        $"'bind' {where} has 'crt' but not 'ssl'; add 'ssl' to terminate TLS on this address, or remove 'crt'";

    public static string SslWithoutCrt(string where) =>
        $"'bind' {where} has 'ssl' but no 'crt'; name a certificate file or directory with 'crt PATH'";

    public static string VerifyWithoutCaFile(string where) =>
        $"'bind' {where} has 'verify optional|required' but no 'ca-file'; name the CAs that sign client certificates";

    public static string BadAlpn(string where, string got) =>
        $"'alpn' {where} expects comma-separated protocol names such as 'h2,http/1.1' (got '{got}')";

    public static string AllTlsVersionsDisabled(string where) =>
        $"'bind' {where} disables every TLS version; check 'ssl-min-ver', 'ssl-max-ver', 'no-tlsv*', 'force-tlsv*' and 'ssl-default-bind-options'";

    public static string NoTlsFlagsIgnored(string where) =>
        $"'bind' {where}: 'no-sslv3'/'no-tlsv1x' are ignored when 'ssl-min-ver' or 'ssl-max-ver' is set (here or in 'ssl-default-bind-options'); use only 'ssl-min-ver' and 'ssl-max-ver'";

    public static string Sslv3NotOffered(string where) => $"'bind' {where}: SSLv3 is not supported and never offered; the lowest version offered is TLSv1.0";

    public static string DefaultBindOptionWithoutValue(string option) => $"'{option}' in 'ssl-default-bind-options' expects a version (got nothing)";

    public static string UnknownDefaultBindOption(string option, IEnumerable<string> known, string? hint) =>
        $"unknown option '{option}' in 'ssl-default-bind-options'; expects {Quote(known)}{Hint(hint)}";

    public static string CannotLoadCertificate(string where, string path, string reason) => $"'bind' {where}: cannot load certificate '{path}': {reason}";

    public static string CertificateWarning(string where, string path, string detail) => $"'bind' {where}: certificate '{path}': {detail}";

    public static string CannotLoadCaFile(string where, string path, string reason) => $"'bind' {where}: cannot load ca-file '{path}': {reason}";

    public static string CiphersIgnored(string option, string where, string reason) =>
        $"'{option}' {where} is ignored: {reason}; the platform's default cipher suites are used";

    // Certificate files: the reasons completing CannotLoadCertificate, also reported by a certificate reload.
    public static string CertNoSuchFile() => "no such file or directory";

    public static string CertUnreadable(string reason) => $"cannot read it: {reason}";

    public static string CertEmptyDirectory() => "the directory holds no certificate file";

    public static string CertNoCertificate() => "no certificate found in the file";

    public static string CertNoPrivateKey(string keyPath) => $"no private key found in the file, nor in '{keyPath}'";

    public static string CertKeyMatchesNone(int count) => count == 1
        ? "the private key does not match the certificate in the file"
        : $"the private key matches none of the {count} certificates in the file";

    public static string CertMalformedBlock(string label, int line, string detail) => $"malformed PEM block '{label}' at line {line}: {detail}";

    public static string PemNoEnd(string label) => $"no '-----END {label}-----' line follows it";

    public static string PemWrongEnd(string got) => $"it ends with '{got}'";

    public static string PemBadBase64() => "its content is not valid base64";

    public static string CertBadDer(string detail) => $"not a valid X.509 certificate ({detail})";

    public static string CertBadKey(string detail) => $"not a valid private key ({detail})";

    public static string CertEncryptedKey(int line) =>
        $"the private key at line {line} is encrypted; store it unencrypted (HAProxy would ask for a passphrase at start-up)";

    public static string CertUnsupportedKey(string label, int line) =>
        $"the private key '{label}' at line {line} is not supported; use an RSA or ECDSA key";

    public static string CertExpired(string subject, DateTimeOffset notAfter) =>
        $"'{subject}' expired on {notAfter.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; clients will refuse it";

    public static string CipherNotApplicable(string word, bool tls13) => tls13
        ? $"'{word}' is not a TLS 1.3 cipher suite name (expects names such as 'TLS_AES_128_GCM_SHA256')"
        : $"'{word}' is not an explicit TLS 1.2 cipher name this platform can apply (expects names such as 'ECDHE-RSA-AES128-GCM-SHA256'; categories such as 'HIGH' cannot be applied)";

    public static string CipherListEmpty() => "the list names no cipher";

    public static string CiphersNotSupportedOnPlatform() => "this operating system does not let an application choose cipher suites";

    public static string CaNoCertificate() => "no CA certificate found in the file";

    private static string Hint(string? hint) => hint is null ? "" : $"; did you mean '{hint}'?";

    private static string Quote(IEnumerable<string> words, string last = "or")
    {
        var quoted = words.Select(w => $"'{w}'").ToList();
        return quoted.Count <= 1 ? string.Concat(quoted) : $"{string.Join(", ", quoted.Take(quoted.Count - 1))} {last} {quoted[^1]}";
    }

    // Cookie persistence (Persistence/CookieConfigParser).
    public static string CookieMissingName(string where) => $"'cookie' {where} expects a cookie name";

    public static string CookieTwoModes(string where, string first, string second) =>
        $"'cookie' {where} expects only one of 'rewrite', 'insert' or 'prefix' (got '{first}' and '{second}')";

    public static string CookieMissingValue(string where, string word) => $"'cookie' {where}: '{word}' expects a value";

    public static string CookieBadTime(string where, string word, string value) =>
        $"'cookie' {where}: '{word}' expects a time such as 30m or 1d (got '{value}')";

    public static string CookieUnknownWord(string where, string word, string? hint) =>
        $"'cookie' {where} does not know '{word}'" + (hint is null ? string.Empty : $"; did you mean '{hint}'?");

    public static string CookieNeedsInsert(string where) =>
        $"'cookie' {where}: 'maxidle', 'maxlife' and 'postonly' only apply to 'insert' mode";

    public static string CookieDynamicUnsupported(string where) =>
        $"'cookie' {where}: 'dynamic' (server cookies generated from a secret key) is not supported; give each server a 'cookie VALUE'";

    // Log targets (Logging/LogTargetParser, Validation/LogTargetValidator). A log line inherited from defaults is
    // checked once per proxy, so these name the target rather than the section: the location points at the line.
    public static string ForLogTarget(string target) => $"target '{target}'";

    public static string LogUnsupportedTarget(string target) =>
        $"'log' target '{target}' is not supported; use IP[:PORT], udp@IP[:PORT], tcp@IP:PORT, a UNIX datagram socket path such as '/dev/log', 'stdout' or 'stderr'";

    public static string LogBadAddress(string target, string reason) => $"'log' target '{target}' is not a valid address: {reason}";

    public static string LogBadPort(string port) => $"expects a port from 1 to 65535 (got '{port}')";

    public static string LogTcpWithoutPort(string target) =>
        $"'log' target '{target}' needs a port: TCP syslog has no default port here (e.g. '{target}:601')";

    public static string LogBadLength(string target, string? got) =>
        $"'log' target '{target}': 'len' expects an integer from 80 to 65535 (got {(got is null ? "nothing" : $"'{got}'")})";

    public static string LogBadFormat(string target, string? got, string? hint) =>
        $"'log' target '{target}': 'format' expects one of 'local', 'rfc3164', 'rfc5424', 'priority', 'short', 'timed', 'iso' or 'raw' (got {(got is null ? "nothing" : $"'{got}'")}){Hint(hint)}";

    public static string LogBadLevel(string target, string what, string got, string? hint) =>
        $"'log' target '{target}': the {what} expects one of 'emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info' or 'debug' (got '{got}'){Hint(hint)}";

    public static string LogExtraArgument(string target, string extra) =>
        $"'log' target '{target}' expects at most FACILITY LEVEL MINLEVEL after its options (got an extra '{extra}')";

    public static string LogSampleIgnored(string target) =>
        $"'log' target '{target}': 'sample' is not supported and is ignored; every line is sent";

    public static string LogGlobalInGlobal() => "'log global' is only meaningful in defaults, frontend, backend and listen sections";

    public static string LogGlobalWithArguments(string extra) => $"'log global' takes no other argument (got '{extra}')";

    public static string LogFormatNotSupported(string keyword) =>
        $"'{keyword}' is not supported yet and is ignored; lines use 'log-format', 'option httplog', 'option tcplog' or the default format";

    // Access-log formats (Logging/LogLineFormatParser) and captures (Logging/CaptureConfigParser).
    public static string ForLogFormat(ProxyKind? kind, string name) => $"'log-format' {InSection(kind, name)}";

    public static string LogFormatSampleInAccessLog(string subject, int column) =>
        $"{subject}: sample expressions ('%[...]' at column {column}) are not supported in access-log formats; use the '%' variables";

    public static string LogFormatUnsupportedVariable(string subject, string name) =>
        $"{subject}: log-format variable '%{name}' is not supported by this build (supported: see 'log-format' in docs/configuration.md)";

    public static string LogFormatHttpOnlyVariable(string subject, string name) =>
        $"{subject}: log-format variable '%{name}' needs 'mode http' (the frontend is in TCP mode)";

    public static string LogFormatUnsupportedFlag(string subject, string flags, string name) =>
        $"{subject}: flag '{flags}' on '%{name}' is not supported in access-log formats (only '+Q' is)";

    public static string LogFormatEmpty(string subject) => $"{subject} expects a format string (got nothing)";

    public static string LogFormatTooManyArguments(string subject, int count) =>
        $"{subject} expects one format string; quote it when it contains spaces (got {count} words)";

    public static string LogFormatInheritedOverridesOption(string option, SourceLocation location) =>
        $"'log-format' from {location} takes precedence over 'option {option}'; put the format you want as a 'log-format' line in this section";

    public static string CaptureSyntax(string where, IReadOnlyList<string> got) =>
        $"'capture' {where} expects 'request header NAME len N', 'response header NAME len N' or 'cookie NAME len N' (got '{string.Join(' ', got)}')";

    public static string CaptureCookieIgnored(string where) =>
        $"'capture cookie' {where} is not supported yet and is ignored; '%CC' and '%CS' are logged as '-' (use 'capture request header Cookie len N')";

    public static string CaptureBadLength(string where, string got) =>
        $"'capture' {where}: 'len' expects an integer from 1 to 65535 (got '{got}')";
}
