using System.Runtime.Versioning;
using Appliance.Host.Store;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Store;

[SupportedOSPlatform("linux")]
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WriteAllText_ExistingFile_ReplacedKeepingModeAndNoTempLeft()
    {
        var path = _temp.Write("lb.cfg", "old\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        AtomicFile.WriteAllText(path, "new\n");

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal(["lb.cfg"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllText_NewFile_Created()
    {
        var path = Path.Combine(_temp.Path, "new.cfg");

        AtomicFile.WriteAllText(path, "x\n");

        Assert.Equal("x\n", File.ReadAllText(path));
    }

    [Fact]
    public void WriteAllText_SymbolicLink_TargetReplacedLinkKept()
    {
        var target = _temp.Write("real/lb.cfg", "old\n");
        var link = Path.Combine(_temp.Path, "lb.cfg");
        File.CreateSymbolicLink(link, target);

        AtomicFile.WriteAllText(link, "new\n");

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("new\n", File.ReadAllText(target));
    }

    [Fact]
    public void WriteAllText_Text_Utf8WithoutBom()
    {
        var path = Path.Combine(_temp.Path, "u.cfg");

        AtomicFile.WriteAllText(path, "# café\n");

        Assert.Equal("# café\n"u8.ToArray(), File.ReadAllBytes(path));
    }
}
