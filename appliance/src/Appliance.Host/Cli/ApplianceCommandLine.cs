namespace Appliance.Host.Cli;

/// <summary>The <c>appliance</c> command line (filled in with check and run).</summary>
internal static class ApplianceCommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: appliance check|run -f FILE");
        return args.Length == 0 ? 1 : 1;
    }
}
