using System.Text;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Tests.Stats;

public class StatsServiceTests
{
    private const string Config = """
        listen web
            bind 127.0.0.1:1
            stats uri /st
            stats realm Lab\ Stats
            stats auth admin:s3cret
            stats auth ops:other
            server a 127.0.0.1:80
            server b 127.0.0.1:81
        """;

    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    [Fact]
    public void HandlePage_NoCredentials_401WithRealmChallenge()
    {
        var model = StatsTestModel.Load(Config);

        var response = model.Service.HandlePage(model.Stats("web"), new StatsHttpRequest("GET", "/st", null, Admin: false));

        Assert.Equal(401, response.Status);
        Assert.Equal([new("www-authenticate", "Basic realm=\"Lab Stats\"")], response.Headers);
        Assert.Contains("401 Unauthorized", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin:wrong")]
    [InlineData("admin:s3cre")]
    [InlineData("nobody:s3cret")]
    [InlineData("admin:s3cretX")]
    public void HandlePage_WrongCredentials_401(string credentials)
    {
        var model = StatsTestModel.Load(Config);

        var response = model.Service.HandlePage(model.Stats("web"), new StatsHttpRequest("GET", "/st", Basic(credentials), Admin: false));

        Assert.Equal(401, response.Status);
    }

    [Theory]
    [InlineData("admin:s3cret")]
    [InlineData("ops:other")]
    public void HandlePage_RightCredentials_Page(string credentials)
    {
        var model = StatsTestModel.Load(Config);

        var response = model.Service.HandlePage(model.Stats("web"), new StatsHttpRequest("GET", "/st", Basic(credentials), Admin: false));

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Bearer abc", false)]
    [InlineData("basic YWRtaW46czNjcmV0", true)]
    [InlineData("Basic", false)]
    public void IsAuthorized_HeaderForms(string? header, bool expected) =>
        Assert.Equal(expected, StatsAuthenticator.IsAuthorized(header is null ? [] : [new StatsCredential("admin", "s3cret")], header));

    [Theory]
    [InlineData("/st;csv", "text/plain; charset=utf-8", "# pxname,svname,")]
    [InlineData("/st;json", "application/json", "[[{\"objType\":\"Frontend\"")]
    [InlineData("/st;norefresh", "text/html; charset=utf-8", "<!DOCTYPE html>")]
    public void HandlePage_Format_FromUriOption(string path, string contentType, string start)
    {
        var model = StatsTestModel.Load(Config);

        var response = model.Service.HandlePage(model.Stats("web"), new StatsHttpRequest("GET", path, Basic("admin:s3cret"), Admin: false));

        Assert.Equal(contentType, response.ContentType);
        Assert.StartsWith(start, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlePage_PostWithAdmin_AppliesAndRedirectsDone()
    {
        var model = StatsTestModel.Load(Config);

        var response = model.Service.HandlePage(model.Stats("web"),
            new StatsHttpRequest("POST", "/st", Basic("admin:s3cret"), Admin: true, Form: "s=a&s=b&action=drain&b=%231"));

        Assert.Equal(303, response.Status);
        Assert.Equal([new("location", "/st;st=DONE")], response.Headers);
        Assert.Equal(ServerAdminState.Drain, model.Server("web", "a").State.OperatorAdmin);
        Assert.Equal(ServerAdminState.Drain, model.Server("web", "b").State.OperatorAdmin);
    }

    [Fact]
    public void HandlePage_PostWithoutAdmin_DeniedNothingChanged()
    {
        var model = StatsTestModel.Load(Config);

        var response = model.Service.HandlePage(model.Stats("web"),
            new StatsHttpRequest("POST", "/st", Basic("admin:s3cret"), Admin: false, Form: "s=a&action=maint&b=web"));

        Assert.Equal([new("location", "/st;st=DENY")], response.Headers);
        Assert.Equal(ServerAdminState.Ready, model.Server("web", "a").State.OperatorAdmin);
    }

    [Theory]
    [InlineData("s=a&action=maint&b=web", "DONE", ServerAdminState.Maint)]
    [InlineData("s=a&action=ready&b=web", "DONE", ServerAdminState.Ready)]
    [InlineData("action=maint&b=web", "NONE", ServerAdminState.Ready)]
    [InlineData("s=a&s=zz&action=maint&b=web", "PART", ServerAdminState.Maint)]
    [InlineData("s=zz&action=maint&b=web", "ERRP", ServerAdminState.Ready)]
    [InlineData("s=a&action=shutdown&b=web", "ERRP", ServerAdminState.Ready)]
    [InlineData("s=a&action=maint&b=%2399", "PX", ServerAdminState.Ready)]
    [InlineData("s=a&action=maint&b=nope", "PX", ServerAdminState.Ready)]
    public void Apply_Form_HaproxyOutcomeCode(string form, string code, ServerAdminState expected)
    {
        var model = StatsTestModel.Load(Config);

        Assert.Equal(code, StatsAdmin.Apply(StatsAdminForm.Parse(form), model.Service.FindBackend));
        Assert.Equal(expected, model.Server("web", "a").State.OperatorAdmin);
    }

    [Fact]
    public void HandlePrometheus_ExpositionFormat()
    {
        var response = StatsTestModel.Load(Config).Service.HandlePrometheus();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.ContentType);
        Assert.StartsWith("# HELP haproxy_frontend_status ", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlePrometheus_MetricsSourceSet_ItsFamiliesFollowTheProxies()
    {
        var model = StatsTestModel.Load(Config);
        model.Service.Collector.MetricsSource = new FixedMetrics("# HELP appliance_x x\n# TYPE appliance_x gauge\nappliance_x 1\n");

        var body = model.Service.HandlePrometheus().Body;

        Assert.StartsWith("# HELP haproxy_frontend_status ", body, StringComparison.Ordinal);
        Assert.EndsWith("\nappliance_x 1\n", body, StringComparison.Ordinal);
    }

    private sealed class FixedMetrics(string text) : IMetricsSource
    {
        public void AppendPrometheus(System.Text.StringBuilder builder) => builder.Append(text);
    }

    [Fact]
    public void Parse_UriOptions_AllRead()
    {
        Assert.Equal(new StatsRequestOptions(StatsFormatKind.Csv, true, true, "DONE"), StatsRequestOptions.Parse(";up;csv;norefresh;st=DONE"));
        Assert.Equal(new StatsRequestOptions(StatsFormatKind.Html, false, false, null), StatsRequestOptions.Parse(string.Empty));
    }

    [Fact]
    public void ToBytes_HeadRequest_HeadOnlyWithLength()
    {
        var response = new StatsResponse(200, "text/plain", "abc", []);

        Assert.Equal("HTTP/1.1 200 OK\r\ncache-control: no-cache\r\ncontent-type: text/plain\r\ncontent-length: 3\r\n\r\n",
            Encoding.ASCII.GetString(response.ToBytes(keepAlive: true, withBody: false)));
        Assert.EndsWith("connection: close\r\n\r\nabc", Encoding.ASCII.GetString(response.ToBytes(keepAlive: false)), StringComparison.Ordinal);
    }
}
