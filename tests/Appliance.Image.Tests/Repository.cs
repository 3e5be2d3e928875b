namespace Appliance.Image.Tests;

/// <summary>The checkout these tests run from (the folder holding Appliance.sln): image/, vagrant/ and lab/ live there.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>
    /// The <c>appliance</c> apphost in the Host project's build output (built before this project, see the csproj; this
    /// assembly's bin/CONFIGURATION/TFM mirrors it).
    /// </summary>
    public static string Appliance
    {
        get
        {
            var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            return PathOf(System.IO.Path.Combine("appliance/src/Appliance.Host/bin", own.Parent!.Name, own.Name, "appliance"));
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Appliance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Appliance.sln above {AppContext.BaseDirectory}");
    }
}
