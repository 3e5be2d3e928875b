using Appliance.Contracts.Text;

namespace Appliance.HaAgent.Configuration;

/// <summary>Hints for unknown keywords: keepalived spellings we know, otherwise the nearest known keyword.</summary>
internal static class KeywordHints
{
    private static readonly Dictionary<string, string> KnownSpellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["authentication"] = HaConfigMessages.VrrpV2AuthHint(),
        ["auth_type"] = HaConfigMessages.VrrpV2AuthHint(),
        ["auth_pass"] = HaConfigMessages.VrrpV2AuthHint(),
        ["advert_interval"] = HaConfigMessages.DidYouMean("advert_int"),
        ["advertisement_interval"] = HaConfigMessages.DidYouMean("advert_int"),
        ["vrid"] = HaConfigMessages.DidYouMean("virtual_router_id"),
        ["virtual_ipaddresses"] = HaConfigMessages.DidYouMean("virtual_ipaddress"),
        ["vip"] = HaConfigMessages.DidYouMean("virtual_ipaddress"),
        ["unicast_peers"] = HaConfigMessages.DidYouMean("unicast_peer"),
        ["notify_master"] = "use 'notify': it runs on every role change with the new role as an argument",
        ["notify_backup"] = "use 'notify': it runs on every role change with the new role as an argument",
        ["notify_fault"] = "use 'notify': it runs on every role change with the new role as an argument",
    };

    /// <summary>A hint for <paramref name="keyword"/>, or null when no known keyword is close.</summary>
    public static string? For(string keyword, IEnumerable<string> known)
    {
        if (KnownSpellings.TryGetValue(keyword, out var hint))
        {
            return hint;
        }

        var lower = keyword.ToLowerInvariant();
        var best = known
            .Select(k => (Keyword: k, Distance: EditDistance.Between(lower, k)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Keyword, StringComparer.Ordinal)
            .First();

        // Two edits catch transpositions and a dropped or doubled letter without suggesting unrelated words.
        return best.Distance <= Math.Max(1, Math.Min(2, keyword.Length / 4)) || lower == best.Keyword
            ? HaConfigMessages.DidYouMean(best.Keyword)
            : null;
    }
}
