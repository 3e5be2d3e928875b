using System.Text;
using Appliance.ProxyCore.Tests.Acl;
using Appliance.ProxyCore.Tests.Configuration;

namespace Appliance.ProxyCore.Tests.Rules;

public sealed class ErrorFileTests : IDisposable
{
    private const string Good = "HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache\r\nContent-Type: text/html\r\n\r\n<html>down</html>\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("errorfile-tests").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content, Encoding.Latin1);
        return path;
    }

    [Fact]
    public void LoadText_GoodErrorFile_IsLoadedWithItsBytes()
    {
        var path = Write("503.http", Good);

        var file = AclTestHelper.Rules($"errorfile 503 {path}").ErrorFiles[503];

        Assert.Equal((503, path), (file.Status, file.Path));
        Assert.Equal(Good, Encoding.Latin1.GetString(file.Content.Span));
    }

    [Fact]
    public void LoadText_ErrorFileInDefaults_OwnLineOverridesForItsCode()
    {
        var inherited = Write("d503.http", Good);
        var own = Write("f503.http", Good.Replace("down", "maintenance", StringComparison.Ordinal));
        var other = Write("404.http", "HTTP/1.1 404 Not Found\n\nnope\n");
        var text = AclTestHelper.Header.Replace("    timeout client 1s\n", $"    timeout client 1s\n    errorfile 503 {inherited}\n    errorfile 404 {other}\n", StringComparison.Ordinal)
            + $"    errorfile 503 {own}\n    default_backend web\n" + AclTestHelper.Backends;

        var result = ConfigTestHelper.Load(text);

        Assert.Empty(result.Diagnostics);
        var frontend = result.Config!.Proxies[0].HttpRules.ErrorFiles;
        Assert.Equal((own, other), (frontend[503].Path, frontend[404].Path));
        Assert.Equal(inherited, result.Config.FindBackend("web")!.HttpRules.ErrorFiles[503].Path);
    }

    [Fact]
    public void LoadText_MissingFile_ErrorNamesIt()
    {
        var missing = Path.Combine(_directory, "none.http");

        Assert.Equal([$"t.cfg:8: error: 'errorfile 503' in frontend 'f': cannot open '{missing}': no such file"], AclTestHelper.Diagnostics($"errorfile 503 {missing}"));
    }

    [Fact]
    public void LoadText_NotAnHttpResponse_ShowsTheFirstLine()
    {
        var bad = Write("bad.http", "<html>oops</html>\n");
        var headless = Write("headless.http", "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\n");

        Assert.Equal(
            [$"t.cfg:8: error: 'errorfile 500' in frontend 'f': '{bad}' is not a raw HTTP response: it must start with a status line such as 'HTTP/1.1 503 Service Unavailable' (got '<html>oops</html>')",
             $"t.cfg:9: error: 'errorfile 500' in frontend 'f': '{headless}' has no empty line after its headers; a raw HTTP response needs one before the body"],
            AclTestHelper.Diagnostics($"errorfile 500 {bad}", $"errorfile 500 {headless}"));
    }

    [Fact]
    public void LoadText_TooLarge_ReportsSizeAndLimit()
    {
        var big = Write("big.http", "HTTP/1.0 503 X\r\n\r\n" + new string('x', 16400));

        Assert.Equal([$"t.cfg:8: error: 'errorfile 503' in frontend 'f': '{big}' is 16418 bytes; an error file must fit in 16384 bytes (HAProxy's buffer size)"],
            AclTestHelper.Diagnostics($"errorfile 503 {big}"));
    }

    [Fact]
    public void LoadText_UnhandledCodeOrArity_IsAnError()
    {
        var path = Write("503.http", Good);

        Assert.Equal(
            ["t.cfg:8: error: 'errorfile' in frontend 'f' expects a status code among 200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503, 504 (got '418')",
             "t.cfg:9: error: 'errorfile' in frontend 'f' expects a status code and a file (got nothing)",
             $"t.cfg:10: error: 'errorfile' in frontend 'f' expects a status code and a file (got an extra 'extra')"],
            AclTestHelper.Diagnostics($"errorfile 418 {path}", "errorfile 503", $"errorfile 503 {path} extra"));
    }
}
