namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>HAProxy's names of protocol versions, in <c>ssl-min-ver</c> and in the <c>no-*</c>/<c>force-*</c> options.</summary>
internal static class TlsVersionNames
{
    /// <summary>The values of <c>ssl-min-ver</c>/<c>ssl-max-ver</c>, ascending.</summary>
    public static readonly IReadOnlyList<string> Names = ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"];

    private static readonly string[] Suffixes = ["sslv3", "tlsv10", "tlsv11", "tlsv12", "tlsv13"];

    public static TlsVersion? Parse(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return (TlsVersion)i;
            }
        }

        return null;
    }

    public static string Name(TlsVersion version) => Names[(int)version];

    /// <summary>The version of <c>no-tlsv12</c> or <c>force-tlsv12</c> (<paramref name="prefix"/> <c>no-</c> or <c>force-</c>).</summary>
    public static TlsVersion? FromOption(string option, string prefix)
    {
        if (!option.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var index = Array.IndexOf(Suffixes, option[prefix.Length..]);
        return index < 0 ? null : (TlsVersion)index;
    }
}
