using System.CommandLine;
using Appliance.Host.Store;

namespace Appliance.Host.Cli;

/// <summary>
/// <c>appliance config history</c>: one line per version, newest first: version, time (UTC), origin, the first
/// <see cref="HashPrefixLength"/> hex digits of the SHA-256, node, and "= vN" when the text equals an older version's
/// (a rollback).
/// </summary>
internal static class ConfigHistoryCommand
{
    /// <summary>12 hex digits (48 bits), as git abbreviates commits in large repositories: unique among a node's versions.</summary>
    public const int HashPrefixLength = 12;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stateDir = StateDirOption.Create();
        var command = new Command("history", "List every applied configuration, newest first.") { stateDir };
        command.SetAction(parse => ConfigCommand.WithStore("history", parse.GetValue(stateDir)!, stderr, store =>
        {
            var history = ConfigStore.History(store);
            if (history.Count == 0)
            {
                stdout.WriteLine($"no configuration is recorded in {store.Path} yet");
                return 0;
            }

            stdout.WriteLine($"{"VERSION",7}  {"APPLIED (UTC)",-20}  {"ORIGIN",-9}  {"SHA256",-12}  NODE");
            foreach (var version in history)
            {
                var same = history.LastOrDefault(v => v.Version < version.Version && v.Sha256 == version.Sha256);
                var note = same is null ? string.Empty : $"  = v{same.Version}";
                stdout.WriteLine(
                    $"{version.Version,7}  {ConfigCommand.Time(version),-20}  {version.Origin,-9}  {version.Sha256[..HashPrefixLength]}  {version.Node}{note}");
            }

            return 0;
        }));
        return command;
    }
}
