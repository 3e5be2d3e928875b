using System.CommandLine;
using Appliance.Host.Store;

namespace Appliance.Host.Cli;

/// <summary>
/// <c>appliance config history|show|diff|rollback</c>: the configurations this node applied, read from the store in the
/// state directory. Reading commands open the store read-only, beside the running node. Exit 0 ok, 1 error.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("config", "The node's configuration history, kept in the state directory's store.");
        command.Subcommands.Add(ConfigHistoryCommand.Create(stdout, stderr));
        command.Subcommands.Add(ConfigShowCommand.Create(stdout, stderr));
        command.Subcommands.Add(ConfigDiffCommand.Create(stdout, stderr));
        command.Subcommands.Add(ConfigRollbackCommand.Create(stdout, stderr));
        return command;
    }

    /// <summary>Runs <paramref name="action"/> on the read-only store of <paramref name="stateDir"/>; an unusable store is reported as <c>config NAME: message</c>, exit 1.</summary>
    public static int WithStore(string name, string stateDir, TextWriter stderr, Func<StoreDatabase, int> action)
    {
        try
        {
            return action(StoreDatabase.OpenReadOnly(new StateDirectory(stateDir)));
        }
        catch (StoreUnavailableException e)
        {
            stderr.WriteLine($"config {name}: {e.Message}");
            return 1;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            stderr.WriteLine($"config {name}: cannot read {Path.Combine(stateDir, StateDirectory.StoreFileName)}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Version <paramref name="version"/>, or null after writing why to <paramref name="stderr"/>.</summary>
    public static ConfigVersion? Find(string name, StoreDatabase store, int version, TextWriter stderr)
    {
        var found = ConfigStore.Get(store, version);
        if (found is null)
        {
            var newest = ConfigStore.Newest(store);
            stderr.WriteLine(newest is null
                ? $"config {name}: no version {version}: no configuration is recorded in {store.Path} yet"
                : $"config {name}: no version {version} in {store.Path} (versions 1 to {newest.Version})");
        }

        return found;
    }

    /// <summary>"2026-11-22T10:05:00Z": to the second, as history and diff headers show times.</summary>
    public static string Time(ConfigVersion version) =>
        version.AppliedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
