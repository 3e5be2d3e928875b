namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>The words that open a section. A line starting with one of them ends the previous section.</summary>
internal static class SectionKeywords
{
    public const string Global = "global";
    public const string Defaults = "defaults";
    public const string Frontend = "frontend";
    public const string Backend = "backend";
    public const string Listen = "listen";
    public const string Peers = "peers";

    /// <summary>Sections parsed by this stage.</summary>
    public static readonly string[] Parsed = [Global, Defaults, Frontend, Backend, Listen];

    /// <summary>HAProxy sections (and our <c>ha</c>) kept raw in <see cref="ApplianceConfig.OtherSections"/>.</summary>
    public static readonly string[] KeptRaw = [Peers, "userlist", "resolvers", "mailers", "cache", "program", "http-errors", "ring", "ha"];

    public static readonly string[] All = [.. Parsed, .. KeptRaw];

    public static bool IsSection(string word) => Array.IndexOf(All, word) >= 0;
}
