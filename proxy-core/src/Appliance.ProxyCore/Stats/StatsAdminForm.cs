namespace Appliance.ProxyCore.Stats;

/// <summary>
/// The admin form of the stats page, as HAProxy posts it (<c>application/x-www-form-urlencoded</c>): <c>b</c> the
/// backend (<c>#ID</c> or its name), <c>s</c> each checked server, <c>action</c> what to do.
/// </summary>
public sealed record StatsAdminForm(string? Backend, IReadOnlyList<string> Servers, string? Action)
{
    public static StatsAdminForm Parse(string body)
    {
        string? backend = null, action = null;
        var servers = new List<string>();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            switch (name)
            {
                case "b":
                    backend = value;
                    break;
                case "s":
                    servers.Add(value);
                    break;
                case "action":
                    action = value;
                    break;
            }
        }

        return new StatsAdminForm(backend, servers, action);
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
