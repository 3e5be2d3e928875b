namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// One pass over every sticky client: which server answered each (null when the client got no answer, with the error).
/// Keys are <c>src:ADDRESS</c> for source-address clients and <c>cookie:N</c> for cookie clients.
/// </summary>
internal sealed class StickyRound(IReadOnlyDictionary<string, string?> servers, IReadOnlyDictionary<string, string> errors)
{
    public IReadOnlyDictionary<string, string?> Servers { get; } = servers;

    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    /// <summary>How <paramref name="kind"/> clients (<c>src</c> or <c>cookie</c>) fared in this round against <paramref name="before"/>.</summary>
    public StickyComparison Compare(StickyRound before, string kind)
    {
        int same = 0, moved = 0, failed = 0;
        foreach (var (client, server) in before.Servers.Where(c => c.Key.StartsWith(kind + ":", StringComparison.Ordinal)))
        {
            var now = Servers.GetValueOrDefault(client);
            if (server is null || now is null)
            {
                failed++;
            }
            else if (now == server)
            {
                same++;
            }
            else
            {
                moved++;
            }
        }

        return new StickyComparison(kind, same, moved, failed);
    }

    /// <summary>Clients per server, e.g. <c>s1=251 s2=249 ...</c>, and the first errors.</summary>
    public string Summary()
    {
        var spread = string.Join(' ', Servers.Values.GroupBy(s => s ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
        var errors = Errors.Count == 0 ? string.Empty : $"; {Errors.Count} errors, e.g. {string.Join("; ", Errors.Take(3).Select(e => $"{e.Key}: {e.Value}"))}";
        return spread + errors;
    }
}
