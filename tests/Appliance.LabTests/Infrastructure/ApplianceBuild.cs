namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// The `appliance` the lab runs: the Host project's build output (built before this project, see the csproj), copied
/// once per test run to a temporary folder so a rebuild meanwhile cannot change it under a running node.
/// </summary>
internal static class ApplianceBuild
{
    private static readonly Lazy<string> Folder = new(CopyOutput);

    /// <summary>The repository root (the folder holding Appliance.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>lab/lab.sh.</summary>
    public static string LabScript => Path.Combine(RepositoryRoot, "lab", "lab.sh");

    /// <summary>The command line that runs the appliance: the dotnet host and appliance.dll.</summary>
    public static IReadOnlyList<string> Command => [DotnetHost, Path.Combine(Folder.Value, "appliance.dll")];

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Appliance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Appliance.sln not found above {AppContext.BaseDirectory}");
    }

    private static string CopyOutput()
    {
        // This assembly lives in tests/Appliance.LabTests/bin/CONFIGURATION/TFM/; the Host's output mirrors that.
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var source = Path.Combine(RepositoryRoot, "appliance", "src", "Appliance.Host", "bin", own.Parent!.Name, own.Name);
        if (!File.Exists(Path.Combine(source, "appliance.dll")))
        {
            throw new InvalidOperationException($"appliance.dll not found in {source}: build the solution first");
        }

        var target = Path.Combine(Path.GetTempPath(), $"appliance-lab-{Environment.ProcessId}");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(target, recursive: true);
            }
            catch (IOException)
            {
                // A node still holding a file open; the temp folder is cleaned by the OS later.
            }
        };
        return target;
    }
}
