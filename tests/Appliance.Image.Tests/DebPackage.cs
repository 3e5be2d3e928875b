using Appliance.Tests.Common;

namespace Appliance.Image.Tests;

/// <summary>The .deb built once by <c>image/build-deb</c> for the whole test class, and its contents extracted.</summary>
public sealed class DebPackage : IDisposable
{
    private readonly TempDirectory _directory = new();

    public DebPackage()
    {
        var (code, output) = Shell.Run(Repository.PathOf("image/build-deb"), ["-o", _directory.Path]);
        Assert.True(code == 0, $"image/build-deb exited {code}:\n{output}");
        File = Directory.GetFiles(_directory.Path, "appliance_*_amd64.deb").Single();
        Assert.Contains(File, output, StringComparison.Ordinal);
        Extracted = Path.Combine(_directory.Path, "root");
        Shell.Ok("dpkg-deb", "-x", File, Extracted);
    }

    /// <summary>The path of the .deb (the script also prints it).</summary>
    public string File { get; }

    /// <summary>Where <c>dpkg-deb -x</c> put the package's files.</summary>
    public string Extracted { get; }

    public void Dispose() => _directory.Dispose();
}
