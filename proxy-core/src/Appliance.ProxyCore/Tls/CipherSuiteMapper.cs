using System.Net.Security;
using System.Security.Authentication;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tls;

/// <summary>
/// Applies <c>ciphers</c> (TLS 1.2, OpenSSL syntax) and <c>ciphersuites</c> (TLS 1.3) through a
/// <see cref="CipherSuitesPolicy"/>, which .NET supports on Linux and macOS only. A policy is a list of suites, so only
/// explicit names can be applied (<c>ECDHE-RSA-AES128-GCM-SHA256</c>, or the IANA name); categories such as
/// <c>HIGH</c> or <c>kEECDH+AESGCM</c> cannot, and then that list is ignored with a warning. Exclusions of categories
/// that no mappable suite belongs to (<c>!aNULL</c>, <c>!MD5</c>, ...) are accepted and have nothing to remove.
/// </summary>
internal static class CipherSuiteMapper
{
    /// <summary>OpenSSL's default TLS 1.3 suites, in its order: used when only <c>ciphers</c> applies.</summary>
    private static readonly TlsCipherSuite[] DefaultTls13 =
    [
        TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256, TlsCipherSuite.TLS_AES_128_GCM_SHA256,
    ];

    /// <summary>Mozilla's "intermediate" TLS 1.2 list (server-side TLS guidelines v5.7): used when only <c>ciphersuites</c> applies.</summary>
    private static readonly TlsCipherSuite[] DefaultTls12 =
    [
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>OpenSSL names of the TLS 1.2 suites worth configuring (no RC4, 3DES, export, anonymous or NULL suites).</summary>
    private static readonly Dictionary<string, TlsCipherSuite> OpenSslNames = new(StringComparer.Ordinal)
    {
        ["ECDHE-ECDSA-AES128-GCM-SHA256"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        ["ECDHE-RSA-AES128-GCM-SHA256"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ["ECDHE-ECDSA-AES256-GCM-SHA384"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        ["ECDHE-RSA-AES256-GCM-SHA384"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        ["ECDHE-ECDSA-CHACHA20-POLY1305"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        ["ECDHE-RSA-CHACHA20-POLY1305"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        ["DHE-RSA-AES128-GCM-SHA256"] = TlsCipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
        ["DHE-RSA-AES256-GCM-SHA384"] = TlsCipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        ["DHE-RSA-CHACHA20-POLY1305"] = TlsCipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        ["ECDHE-ECDSA-AES128-SHA256"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        ["ECDHE-RSA-AES128-SHA256"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        ["ECDHE-ECDSA-AES256-SHA384"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
        ["ECDHE-RSA-AES256-SHA384"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
        ["ECDHE-ECDSA-AES128-SHA"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        ["ECDHE-RSA-AES128-SHA"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        ["ECDHE-ECDSA-AES256-SHA"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        ["ECDHE-RSA-AES256-SHA"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        ["DHE-RSA-AES128-SHA256"] = TlsCipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA256,
        ["DHE-RSA-AES256-SHA256"] = TlsCipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256,
        ["AES128-GCM-SHA256"] = TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
        ["AES256-GCM-SHA384"] = TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
        ["AES128-SHA256"] = TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
        ["AES256-SHA256"] = TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256,
        ["AES128-SHA"] = TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
        ["AES256-SHA"] = TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
    };

    /// <summary>Categories whose exclusion (<c>!X</c> or <c>-X</c>) removes none of the suites above.</summary>
    private static readonly HashSet<string> HarmlessExclusions = new(StringComparer.Ordinal)
    {
        "aNULL", "eNULL", "NULL", "MD5", "EXPORT", "EXP", "RC4", "3DES", "DES", "PSK", "SRP", "DSS", "CAMELLIA", "SEED",
        "IDEA", "ADH", "AECDH", "LOW", "MEDIUM", "ARIA", "aDSS", "kDHE+aDSS", "RC2",
    };

    /// <summary>True when this OS lets an application choose suites (a <see cref="CipherSuitesPolicy"/> throws on Windows).</summary>
    public static bool PlatformSupportsPolicy => !OperatingSystem.IsWindows();

    /// <summary>The TLS 1.2 suites of an OpenSSL cipher list; null with <paramref name="problem"/> when it cannot be applied.</summary>
    public static List<TlsCipherSuite>? MapCiphers(string list, out string? problem) => Map(list, allowTls13: false, out problem);

    /// <summary>The TLS 1.3 suites of a <c>ciphersuites</c> list (IANA names separated by ':').</summary>
    public static List<TlsCipherSuite>? MapCipherSuites(string list, out string? problem) => Map(list, allowTls13: true, out problem);

    /// <summary>
    /// The policy for a bind, or null when neither list applies (then the platform's defaults are used). The side not
    /// configured, or not applicable, gets <see cref="DefaultTls12"/> or <see cref="DefaultTls13"/>: a policy replaces
    /// both lists, and an empty side would disable its TLS version.
    /// <para>
    /// Also null when the policy would change nothing: the bind speaks TLS 1.3 only (<paramref name="protocols"/>) and
    /// its TLS 1.3 list is OpenSSL's default, in its order (or not configured). Any policy costs every handshake: .NET on
    /// Linux then builds a new OpenSSL context (SSL_CTX) per connection and cannot resume a session (the tickets it
    /// sends are never accepted back), where without one it reuses a cached context and resumes.
    /// </para>
    /// </summary>
    public static CipherSuitesPolicy? CreatePolicy(string? ciphers, string? cipherSuites, SslProtocols protocols = SslProtocols.None)
    {
        var tls12 = ciphers is null ? null : MapCiphers(ciphers, out _);
        var tls13 = cipherSuites is null ? null : MapCipherSuites(cipherSuites, out _);
        if (OperatingSystem.IsWindows() || (tls12 is null && tls13 is null))
        {
            return null;
        }

        if (protocols == SslProtocols.Tls13 && (tls13 is null || tls13.SequenceEqual(DefaultTls13)))
        {
            return null;
        }

        return new CipherSuitesPolicy([.. tls13 ?? [.. DefaultTls13], .. tls12 ?? [.. DefaultTls12]]);
    }

    private static List<TlsCipherSuite>? Map(string list, bool allowTls13, out string? problem)
    {
        problem = null;
        var suites = new List<TlsCipherSuite>();
        foreach (var word in list.Split([':', ',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word[0] is '!' or '-' && HarmlessExclusions.Contains(word[1..]))
            {
                continue;
            }

            var isTls13 = word.StartsWith("TLS_AES_", StringComparison.Ordinal) || word.StartsWith("TLS_CHACHA20_", StringComparison.Ordinal);
            if (OpenSslNames.TryGetValue(word, out var suite) && !allowTls13)
            {
                suites.Add(suite);
            }
            else if (word.StartsWith("TLS_", StringComparison.Ordinal) && isTls13 == allowTls13 && Enum.TryParse(word, out suite))
            {
                suites.Add(suite);
            }
            else
            {
                problem = ConfigMessages.CipherNotApplicable(word, allowTls13);
                return null;
            }
        }

        if (suites.Count == 0)
        {
            problem = ConfigMessages.CipherListEmpty();
            return null;
        }

        return suites;
    }
}
