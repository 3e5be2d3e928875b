using System.CommandLine;

namespace Appliance.Host.Cli;

/// <summary><c>appliance config show VERSION</c>: the version's full text on stdout, byte for byte as it was applied.</summary>
internal static class ConfigShowCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stateDir = StateDirOption.Create();
        var version = new Argument<int>("VERSION") { Description = "The version number (see 'appliance config history')." };
        var command = new Command("show", "Print the full text of a configuration version.") { version, stateDir };
        command.SetAction(parse => ConfigCommand.WithStore("show", parse.GetValue(stateDir)!, stderr, store =>
        {
            var found = ConfigCommand.Find("show", store, parse.GetValue(version), stderr);
            if (found is null)
            {
                return 1;
            }

            stdout.Write(found.Text);
            return 0;
        }));
        return command;
    }
}
