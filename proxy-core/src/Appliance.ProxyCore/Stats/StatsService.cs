using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// Answers stats requests from a snapshot: the 401 challenge when <c>stats auth</c> accounts exist and none matches,
/// admin posts (303 to <c>URI;st=CODE</c>, HAProxy's post/redirect/get), and the page as HTML, <c>;csv</c> or
/// <c>;json</c>; also the Prometheus exporter. No IO: the forwarder reads the request and writes the answer.
/// </summary>
public sealed class StatsService
{
    /// <summary>The largest admin form read; a larger one is refused with <c>;st=EXCD</c>.</summary>
    public const int MaxFormBytes = 64 * 1024;

    public StatsService(StatsCollector collector, IReadOnlyDictionary<string, BackendModel> backends)
    {
        Collector = collector;
        Backends = backends;
    }

    public StatsCollector Collector { get; }

    public IReadOnlyDictionary<string, BackendModel> Backends { get; }

    /// <summary>Answers a request for the stats page of a proxy.</summary>
    /// <param name="stats">The proxy's settings.</param>
    /// <param name="request">What was asked.</param>
    public StatsResponse HandlePage(StatsConfig stats, StatsHttpRequest request)
    {
        if (!StatsAuthenticator.IsAuthorized(stats.Credentials, request.Authorization))
        {
            return StatsAuthenticator.Challenge(stats.Realm);
        }

        if (request.IsPost)
        {
            var code = !request.Admin ? "DENY"
                : request.Form is null ? "EXCD"
                : StatsAdmin.Apply(StatsAdminForm.Parse(request.Form), FindBackend);
            return new StatsResponse(303, "text/plain", string.Empty, [new("location", $"{stats.Uri};st={code}")]);
        }

        var rest = request.PathAndQuery.Length > stats.Uri.Length ? request.PathAndQuery[stats.Uri.Length..] : string.Empty;
        var options = StatsRequestOptions.Parse(rest);
        var snapshot = Collector.Collect(stats.InScope, stats.ShowLegends);
        return options.Format switch
        {
            StatsFormatKind.Csv => new StatsResponse(200, "text/plain; charset=utf-8", CsvStatsWriter.Write(snapshot), []),
            StatsFormatKind.Json => new StatsResponse(200, "application/json", JsonStatsWriter.Write(snapshot), []),
            _ => new StatsResponse(200, "text/html; charset=utf-8", HtmlStatsWriter.Write(snapshot, PageOptions(stats, options, request.Admin, snapshot)), []),
        };
    }

    /// <summary>Answers <c>http-request use-service prometheus-exporter</c>: every proxy, exposition format 0.0.4.</summary>
    public StatsResponse HandlePrometheus() =>
        new(200, PrometheusWriter.ContentType, PrometheusWriter.Write(Collector.Collect(), Collector.MetricsSource), []);

    /// <summary>A backend by <c>#ID</c> (as the page's form posts it) or by name.</summary>
    public BackendModel? FindBackend(string reference)
    {
        if (reference.StartsWith('#'))
        {
            var name = Collector.NameOfId(reference[1..]);
            return name is null ? null : Backends.GetValueOrDefault(name);
        }

        return Backends.GetValueOrDefault(reference);
    }

    private static StatsPageOptions PageOptions(StatsConfig stats, StatsRequestOptions options, bool admin, StatsSnapshot snapshot) => new()
    {
        Uri = stats.Uri,
        Refresh = options.NoRefresh ? null : stats.Refresh,
        RefreshDisabled = options.NoRefresh && stats.Refresh is not null,
        HideVersion = stats.HideVersion,
        NodeName = stats.ShowNode ? stats.NodeName ?? snapshot.NodeName : null,
        Description = stats.ShowDescription ? stats.Description ?? string.Empty : null,
        ShowLegends = stats.ShowLegends,
        Admin = admin,
        UpOnly = options.UpOnly,
        ActionStatus = options.ActionStatus,
    };
}
