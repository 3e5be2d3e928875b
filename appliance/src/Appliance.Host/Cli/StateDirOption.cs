using System.CommandLine;
using Appliance.Host.Store;

namespace Appliance.Host.Cli;

/// <summary>The <c>--state-dir DIR</c> option of <c>run</c> and <c>config</c>: where the config store and the pid file live.</summary>
internal static class StateDirOption
{
    public static Option<string> Create() => new("--state-dir")
    {
        Description = $"The node's state directory (config store, pid file); default {StateDirectory.DefaultPath}.",
        DefaultValueFactory = _ => StateDirectory.DefaultPath,
    };
}
