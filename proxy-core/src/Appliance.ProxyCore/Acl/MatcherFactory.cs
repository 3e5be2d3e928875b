using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Acl;

/// <summary>Compiles the patterns of an ACL line for a matching method, or explains the first bad pattern.</summary>
internal static class MatcherFactory
{
    public static readonly string[] MethodNames = ["found", "bool", "int", "ip", "str", "beg", "end", "sub", "reg", "dom", "dir", "len"];

    private static readonly string[] Operators = ["eq", "ge", "gt", "le", "lt"];

    public static MatchKind? ParseMethod(string name) => Array.IndexOf(MethodNames, name) is var i and >= 0 ? (MatchKind)i : null;

    public static string MethodName(MatchKind kind) => MethodNames[(int)kind];

    /// <summary>The default method for a fetch's type when neither a shorthand nor <c>-m</c> says otherwise.</summary>
    public static MatchKind DefaultFor(SampleType type) => type switch
    {
        SampleType.Boolean => MatchKind.Bool,
        SampleType.Integer => MatchKind.Int,
        SampleType.Address => MatchKind.Ip,
        _ => MatchKind.Str,
    };

    public static PatternMatcher? Create(MatchKind kind, IReadOnlyList<string> patterns, bool ignoreCase, string subject, out string? error)
    {
        error = null;
        switch (kind)
        {
            case MatchKind.Found or MatchKind.Bool:
                if (patterns.Count > 0)
                {
                    error = ConfigMessages.AclMethodTakesNoPattern(subject, MethodName(kind), patterns[0]);
                    return null;
                }

                return kind == MatchKind.Found ? new FoundMatcher() : new BooleanMatcher();
            case MatchKind.Int or MatchKind.Len:
                return Integers(kind, patterns, subject, out error);
            case MatchKind.Ip:
                return Addresses(patterns, subject, out error);
            case MatchKind.Reg:
                var regexes = new List<Regex>(patterns.Count);
                foreach (var pattern in patterns)
                {
                    if (RegexMatcher.TryCompile(pattern, ignoreCase, out var reason) is not { } regex)
                    {
                        error = ConfigMessages.AclBadRegex(subject, pattern, reason!);
                        return null;
                    }

                    regexes.Add(regex);
                }

                return new RegexMatcher(regexes);
            default:
                return new StringMatcher(kind, patterns, ignoreCase);
        }
    }

    private static IntegerMatcher? Integers(MatchKind kind, IReadOnlyList<string> patterns, string subject, out string? error)
    {
        error = null;
        var ranges = new List<IntegerRange>();
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            IntegerRange? range;
            if (Array.IndexOf(Operators, pattern) >= 0)
            {
                // 'gt 3': the operator and its number are two words.
                range = i + 1 < patterns.Count && TryInteger(patterns[i + 1], out var bound) ? Operator(pattern, bound) : null;
                pattern = i + 1 < patterns.Count ? $"{pattern} {patterns[++i]}" : pattern;
            }
            else
            {
                range = Range(pattern);
            }

            if (range is null)
            {
                error = ConfigMessages.AclBadInteger(subject, pattern);
                return null;
            }

            ranges.Add(range.Value);
        }

        return new IntegerMatcher(kind, ranges);
    }

    private static IntegerRange? Operator(string op, long bound) => op switch
    {
        "eq" => new IntegerRange(bound, bound),
        "ge" => new IntegerRange(bound, long.MaxValue),
        "gt" => bound == long.MaxValue ? null : new IntegerRange(bound + 1, long.MaxValue),
        "le" => new IntegerRange(long.MinValue, bound),
        _ => bound == long.MinValue ? null : new IntegerRange(long.MinValue, bound - 1),
    };

    /// <summary><c>N</c>, <c>A:B</c>, <c>:B</c> or <c>A:</c>.</summary>
    private static IntegerRange? Range(string pattern)
    {
        var colon = pattern.IndexOf(':');
        if (colon < 0)
        {
            return TryInteger(pattern, out var value) ? new IntegerRange(value, value) : null;
        }

        var low = long.MinValue;
        var high = long.MaxValue;
        var lowText = pattern[..colon];
        var highText = pattern[(colon + 1)..];
        if ((lowText.Length > 0 && !TryInteger(lowText, out low)) || (highText.Length > 0 && !TryInteger(highText, out high))
            || (lowText.Length == 0 && highText.Length == 0) || low > high)
        {
            return null;
        }

        return new IntegerRange(low, high);
    }

    private static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Addresses and networks: <c>10.0.0.1</c>, <c>10.0.0.0/8</c>, <c>10.0.0.0/255.0.0.0</c>, <c>2001:db8::/32</c>.</summary>
    private static AddressMatcher? Addresses(IReadOnlyList<string> patterns, string subject, out string? error)
    {
        error = null;
        var networks = new List<NetworkPattern>(patterns.Count);
        foreach (var pattern in patterns)
        {
            if (ParseNetwork(pattern) is not { } network)
            {
                error = ConfigMessages.AclBadAddress(subject, pattern);
                return null;
            }

            networks.Add(network);
        }

        return new AddressMatcher(networks);
    }

    /// <summary>An address or network as written in ACLs and <c>option forwardfor except</c>; null when it is neither.</summary>
    public static NetworkPattern? ParseNetwork(string pattern)
    {
        var slash = pattern.IndexOf('/');
        var addressText = slash < 0 ? pattern : pattern[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%'))
        {
            return null;
        }

        var maxPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            return new NetworkPattern(address, maxPrefix);
        }

        var prefixText = pattern[(slash + 1)..];
        if (int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix <= maxPrefix)
        {
            return new NetworkPattern(address, prefix);
        }

        // A dotted IPv4 mask must be contiguous ones then zeros (255.255.0.0).
        if (maxPrefix == 32 && prefixText.Contains('.') && IPAddress.TryParse(prefixText, out var mask)
            && mask.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes());
            var ones = System.Numerics.BitOperations.PopCount(bits);
            if (bits == (ones == 0 ? 0 : uint.MaxValue << (32 - ones)))
            {
                return new NetworkPattern(address, ones);
            }
        }

        return null;
    }
}
