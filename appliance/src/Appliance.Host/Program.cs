namespace Appliance.Host;

internal static class Program
{
    public static int Main(string[] args)
    {
        Hosting.SocketCompletions.PreferInline();
        return Cli.ApplianceCommandLine.Run(args);
    }
}
