using System.CommandLine;
using System.Security.Cryptography;

namespace Appliance.Host.Cli;

/// <summary>
/// <c>appliance cluster init-ca|issue-cert|gen-psk</c>: the key material state sync authenticates peers with (docs/ha.md
/// "Making the keys"). Key files are written 0600 and never overwritten; no key material is printed. Exit 0 ok, 1 error.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("cluster", "Make the keys sync peers authenticate each other with (cluster CA, node certificates, pre-shared key).");
        command.Subcommands.Add(ClusterInitCaCommand.Create(stdout, stderr));
        command.Subcommands.Add(ClusterIssueCertCommand.Create(stdout, stderr));
        command.Subcommands.Add(ClusterGenPskCommand.Create(stdout, stderr));
        return command;
    }

    /// <summary>
    /// Runs <paramref name="action"/>; the errors a user can cause (a path, a name, a damaged file) become
    /// <c>cluster NAME: message</c> on stderr and exit 1.
    /// </summary>
    public static int Guard(string name, TextWriter stderr, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or FormatException)
        {
            stderr.WriteLine($"cluster {name}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Throws when <paramref name="path"/> exists: a key is never replaced by accident (peers would stop trusting this node).</summary>
    public static void RefuseExisting(string path)
    {
        if (File.Exists(path))
        {
            throw new IOException($"{path} already exists; remove it first if you mean to replace it (peers holding the old one stop accepting this node)");
        }
    }
}
