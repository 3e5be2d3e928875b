namespace Appliance.Host;

internal static class Program
{
    public static int Main(string[] args) => Cli.ApplianceCommandLine.Run(args);
}
