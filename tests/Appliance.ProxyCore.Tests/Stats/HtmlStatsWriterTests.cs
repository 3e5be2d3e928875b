using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Tests.Stats;

public class HtmlStatsWriterTests
{
    private sealed class HaStatus : IApplianceStatus
    {
        public string NodeName => "lb-a";

        public string? Role => "MASTER";

        public IReadOnlyList<string> Vips => ["10.213.0.10/24", "10.213.0.11/24"];
    }

    private static StatsTestModel Model()
    {
        var model = StatsTestModel.Load("""
            frontend fe
                bind 127.0.0.1:1
                default_backend be
            backend be
                server up1 127.0.0.1:80
                server down1 127.0.0.1:81 check
                server maint1 127.0.0.1:82 disabled
                server drain1 127.0.0.1:83
            """);
        model.Server("be", "down1").State.SetHealth(ServerHealth.Down, 0);
        model.Server("be", "down1").Checks.RecordCheck(new CheckReport("L4CON", null, "Connection refused", "Layer4 connection problem", TimeSpan.Zero), false, 0);
        model.Server("be", "drain1").State.SetOperatorAdmin(ServerAdminState.Drain);
        return model;
    }

    private static string Render(StatsTestModel model, StatsPageOptions? options = null) =>
        HtmlStatsWriter.Write(model.Collector.Collect(), options ?? new StatsPageOptions { Uri = "/st" });

    [Fact]
    public void Write_Servers_RowsColouredByStatus()
    {
        var html = Render(Model());

        Assert.Contains("<tr class=\"server up\" data-server=\"up1\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"server down\" data-server=\"down1\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"server maint\" data-server=\"maint1\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"server drain\" data-server=\"drain1\">", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"status down\">DOWN</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"check\" title=\"Layer4 connection problem: Connection refused\">L4CON in 0ms</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"frontend up\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"backend up\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RefreshVersionNode_AsConfigured()
    {
        var model = Model();

        var plain = Render(model, new StatsPageOptions { Uri = "/st", Refresh = TimeSpan.FromSeconds(5), NodeName = "lb1" });
        var hidden = Render(model, new StatsPageOptions { Uri = "/st", HideVersion = true });

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", plain, StringComparison.Ordinal);
        Assert.Contains($"Appliance load balancer {StatsCollector.Version}", plain, StringComparison.Ordinal);
        Assert.Contains("<h1>Statistics on lb1</h1>", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain(StatsCollector.Version, hidden, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HaProvider_RoleAndVipsShown()
    {
        var model = Model();
        Assert.DoesNotContain("HA role", Render(model), StringComparison.Ordinal);
        model.Collector.ApplianceStatus = new HaStatus();

        var html = Render(model);

        Assert.Contains("HA role: <span class=\"role\">MASTER</span> &middot; node lb-a &middot; VIPs: <span class=\"vips\">10.213.0.10/24, 10.213.0.11/24</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Admin_CheckboxesAndActionForm()
    {
        var model = Model();

        var readOnly = Render(model);
        var admin = Render(model, new StatsPageOptions { Uri = "/st", Admin = true });

        Assert.DoesNotContain("<form", readOnly, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/st\">", admin, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"s\" value=\"drain1\">", admin, StringComparison.Ordinal);
        Assert.Contains("<option value=\"drain\">Set state to DRAIN</option>", admin, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"b\" value=\"#2\">", admin, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UpOnlyAndActionStatus()
    {
        var html = Render(Model(), new StatsPageOptions { Uri = "/st", UpOnly = true, ActionStatus = "DENY" });

        Assert.Contains("data-server=\"up1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-server=\"down1\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"notice bad\">Action denied.</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "-")]
    [InlineData(12, "12s")]
    [InlineData(310, "5m10s")]
    [InlineData(7260, "2h1m")]
    [InlineData(273600, "3d4h")]
    public void Duration_Seconds_TwoLargestUnits(long seconds, string expected) => Assert.Equal(expected, StatsFormat.Duration(seconds));
}
