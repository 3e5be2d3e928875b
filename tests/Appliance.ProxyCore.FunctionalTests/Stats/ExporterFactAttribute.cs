namespace Appliance.ProxyCore.FunctionalTests.Stats;

/// <summary>A fact that needs Debian's prometheus-haproxy-exporter (.ci/run installs it).</summary>
public sealed class ExporterFactAttribute : FactAttribute
{
    /// <summary>Where Debian's package puts the exporter.</summary>
    public const string Path = "/usr/bin/prometheus-haproxy-exporter";

    public ExporterFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = $"{Path} is missing (Debian: apt-get install prometheus-haproxy-exporter)";
        }
    }
}
