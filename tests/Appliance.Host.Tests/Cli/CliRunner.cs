using Appliance.Host.Cli;

namespace Appliance.Host.Tests.Cli;

/// <summary>Runs the <c>appliance</c> command line in-process and captures its exit code, stdout and stderr.</summary>
internal static class CliRunner
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ApplianceCommandLine.Build(stdout, stderr).Parse(args).Invoke(new System.CommandLine.InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
        });
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
