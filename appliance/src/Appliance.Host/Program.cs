namespace Appliance.Host;

internal static class Program
{
    public static int Main(string[] args)
    {
        return Cli.ApplianceCommandLine.Run(args);
    }
}
