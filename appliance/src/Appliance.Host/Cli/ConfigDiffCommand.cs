using System.CommandLine;
using Appliance.Host.Store;

namespace Appliance.Host.Cli;

/// <summary>
/// <c>appliance config diff A [B]</c>: a unified diff from version A to version B (default the newest); nothing when they
/// are equal. Exit 0 either way (differences are not an error), 1 when a version does not exist.
/// </summary>
internal static class ConfigDiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stateDir = StateDirOption.Create();
        var from = new Argument<int>("A") { Description = "The old version." };
        var to = new Argument<int?>("B") { Description = "The new version; default the newest.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("diff", "Show what changed between two configuration versions (unified diff).") { from, to, stateDir };
        command.SetAction(parse => ConfigCommand.WithStore("diff", parse.GetValue(stateDir)!, stderr, store =>
        {
            var newest = ConfigStore.Newest(store);
            var old = ConfigCommand.Find("diff", store, parse.GetValue(from), stderr);
            var @new = old is null ? null : ConfigCommand.Find("diff", store, parse.GetValue(to) ?? newest?.Version ?? 0, stderr);
            if (old is null || @new is null)
            {
                return 1;
            }

            stdout.Write(UnifiedDiff.Format(old.Text, @new.Text, Label(old), Label(@new)));
            return 0;
        }));
        return command;
    }

    private static string Label(ConfigVersion version) => $"v{version.Version}\t{ConfigCommand.Time(version)} {version.Origin}";
}
