using System.CommandLine;
using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Cli;

/// <summary><c>appliance check -f FILE</c>: every diagnostic on stderr; exit 0 when valid, 1 when not.</summary>
internal static class CheckCommand
{
    public const string ValidMessage = "Configuration file is valid";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = ApplianceCommandLine.FileOption();
        var command = new Command("check", "Validate a configuration file and print every error and warning at once.") { file };
        command.SetAction(parse =>
        {
            var result = ConfigLoader.LoadFile(parse.GetValue(file)!.FullName);
            DiagnosticPrinter.Print(result.Diagnostics, stderr);
            var ha = result.Config is null ? [] : Hosting.HaAgentHost.Check(result.Config).Diagnostics;
            ha.ToList().ForEach(stderr.WriteLine);
            if (!result.IsValid || ha.Any(d => d.IsError))
            {
                var errors = result.Errors.Count() + ha.Count(d => d.IsError);
                stderr.WriteLine($"Configuration file is invalid: {errors} error(s), {result.Warnings.Count() + ha.Count(d => !d.IsError)} warning(s)");
                return 1;
            }

            stdout.WriteLine(ValidMessage);
            return 0;
        });
        return command;
    }
}
