using System.CommandLine;

namespace Appliance.Host.Cli;

/// <summary>The <c>appliance</c> command line: one subcommand per file in this folder.</summary>
internal static class ApplianceCommandLine
{
    public static int Run(string[] args) => Build(Console.Out, Console.Error).Parse(args).Invoke(new InvocationConfiguration
    {
        // The run command handles SIGINT/SIGTERM itself so it can drain connections.
        ProcessTerminationTimeout = null,
    });

    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "appliance: a high-availability load balancer that reads HAProxy-compatible configuration files.\n" +
            "  appliance check -f FILE   validate a configuration (exit 0 valid, 1 invalid)\n" +
            "  appliance run -f FILE     serve the configuration until SIGINT or SIGTERM, then drain\n" +
            "  appliance status | reload | server set BACKEND/SERVER ready|drain|maint|weight N | show info|servers\n" +
            "  appliance failover [--to NODE] [--timeout T] [--hold T] [--release]\n" +
            "                            talk to the running node through its admin socket\n" +
            "  appliance cluster init-ca | issue-cert NODE | gen-psk   make the keys sync peers authenticate with");
        root.Subcommands.Add(CheckCommand.Create(stdout, stderr));
        root.Subcommands.Add(RunCommand.Create(stdout, stderr));
        foreach (var admin in AdminCommands.Create(stdout, stderr))
        {
            root.Subcommands.Add(admin);
        }
        root.Subcommands.Add(ConfigCommand.Create(stdout, stderr));
        root.Subcommands.Add(ClusterCommand.Create(stdout, stderr));
        return root;
    }

    /// <summary>The admin socket of a running node (<c>run</c> creates it; the admin commands use it).</summary>
    public static Option<string> SocketOption() => new("--socket", "-S")
    {
        Description = "The admin socket of the running node.",
        DefaultValueFactory = _ => Admin.AdminSocket.DefaultPath,
    };

    /// <summary>The <c>-f FILE</c> option shared by the commands that read a configuration.</summary>
    public static Option<FileInfo> FileOption() => new("--file", "-f")
    {
        Description = "The configuration file (HAProxy syntax plus the appliance's 'ha' section).",
        Required = true,
    };
}
