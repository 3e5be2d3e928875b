using Appliance.Host.Hosting;

namespace Appliance.Host;

internal static class Program
{
    public static int Main(string[] args)
    {
        // Before any socket exists: the runtime reads the switch when it registers the first one.
        InlineSocketCompletions.Apply();
        return Cli.ApplianceCommandLine.Run(args);
    }
}
