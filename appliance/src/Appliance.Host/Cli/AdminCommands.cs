using System.CommandLine;
using System.Net.Sockets;
using Appliance.Host.Admin;

namespace Appliance.Host.Cli;

/// <summary>
/// The commands that talk to a running node through its admin socket: <c>status</c>, <c>reload</c>, <c>sync status</c>,
/// <c>server set BACKEND/SERVER ready|drain|maint|weight N</c>, <c>show info</c>, <c>show servers</c>,
/// <c>failover [--to NODE] [--timeout T] [--hold T] [--release]</c>. Exit 0 on success,
/// 1 when the node refused the command or cannot be reached.
/// </summary>
internal static class AdminCommands
{
    public static IEnumerable<Command> Create(TextWriter stdout, TextWriter stderr)
    {
        yield return Simple("status", "Role, priority, VIPs, peers, listeners and every server's state.", "status", stdout, stderr);
        var reloadSocket = ApplianceCommandLine.SocketOption();
        var local = new Option<bool>("--local") { Description = "With sync peers: apply on this node only (when a peer is down and would refuse the change)." };
        var reload = new Command("reload", "Re-read and validate the configuration file; a bad one is refused and the running one stays. With sync peers, every node applies it or none.")
        {
            reloadSocket, local,
        };
        reload.SetAction((parse, ct) => SendAsync(parse.GetValue(reloadSocket)!, parse.GetValue(local) ? "reload local" : "reload", stdout, stderr, ct));
        yield return reload;

        var show = new Command("show", "Show runtime information.");
        show.Subcommands.Add(Simple("info", "Node, pid, uptime, listeners, connections.", "show info", stdout, stderr));
        show.Subcommands.Add(Simple("servers", "One line per server: health, admin state, weight, sessions.", "show servers state", stdout, stderr));
        show.Subcommands.Add(Simple("stat", "The stats page's CSV (HAProxy's columns and order).", "show stat", stdout, stderr));
        yield return show;

        var sync = new Command("sync", "State sync between the nodes.");
        sync.Subcommands.Add(Simple("status", "Peers, connection state, role, epoch, lag p50/p99, unacknowledged changes, each node's config version, drift.", "sync status", stdout, stderr));
        yield return sync;

        var server = new Command("server", "Change a server at runtime (until the next reload).");
        var set = new Command("set", "server set BACKEND/SERVER ready|drain|maint|weight N");
        var target = new Argument<string>("target") { Description = "BACKEND/SERVER" };
        var words = new Argument<string[]>("state") { Description = "ready | drain | maint | weight N", Arity = new ArgumentArity(1, 2) };
        var socket = ApplianceCommandLine.SocketOption();
        set.Arguments.Add(target);
        set.Arguments.Add(words);
        set.Options.Add(socket);
        set.SetAction(async (parse, ct) =>
        {
            var state = parse.GetValue(words)!;
            var command = state is ["weight", var n] ? $"set server {parse.GetValue(target)} weight {n}" : $"set server {parse.GetValue(target)} state {string.Join(' ', state)}";
            return await SendAsync(parse.GetValue(socket)!, command, stdout, stderr, ct).ConfigureAwait(false);
        });
        server.Subcommands.Add(set);
        yield return server;
        yield return Failover(stdout, stderr);
    }

    private static Command Failover(TextWriter stdout, TextWriter stderr)
    {
        var socket = ApplianceCommandLine.SocketOption();
        var to = new Option<string>("--to") { Description = "The node that must become master (asked through the sync service's Takeover RPC; the command then checks over sync that it, and no other node, is master, and fails naming who is otherwise)." };
        var timeout = new Option<string>("--timeout") { Description = "Bound on the drain, the takeover request and the wait for the new master (default 30s)." };
        var hold = new Option<string>("--hold") { Description = "How long this node stays backup without preempting (default: until --release)." };
        var release = new Option<bool>("--release") { Description = "End this node's hold and priority override." };
        var command = new Command("failover", "Planned switchover: on the master, drain replication, resign (priority-0 advert) and stay backup.")
        {
            socket, to, timeout, hold, release,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(release))
            {
                return await SendAsync(parse.GetValue(socket)!, "failover release", stdout, stderr, ct).ConfigureAwait(false);
            }

            var words = new List<string> { "failover" };
            foreach (var (name, option) in new[] { ("to", to), ("timeout", timeout), ("hold", hold) })
            {
                if (parse.GetValue(option) is { } value)
                {
                    if (value.Any(char.IsWhiteSpace) || value.Length == 0)
                    {
                        stderr.WriteLine($"--{name} expects one word (got '{value}')");
                        return 1;
                    }

                    words.AddRange([name, value]);
                }
            }

            return await SendAsync(parse.GetValue(socket)!, string.Join(' ', words), stdout, stderr, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Simple(string name, string description, string command, TextWriter stdout, TextWriter stderr)
    {
        var socket = ApplianceCommandLine.SocketOption();
        var result = new Command(name, description) { socket };
        result.SetAction((parse, ct) => SendAsync(parse.GetValue(socket)!, command, stdout, stderr, ct));
        return result;
    }

    private static async Task<int> SendAsync(string path, string command, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string answer;
        try
        {
            answer = await AdminClient.SendAsync(path, command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"cannot reach the node's admin socket '{path}': {ex.Message} (is 'appliance run' running, and are you root?)");
            return 1;
        }

        if (answer.StartsWith(AdminCommandHandler.ErrorPrefix, StringComparison.Ordinal))
        {
            stderr.WriteLine(answer);
            return 1;
        }

        stdout.WriteLine(answer);
        return 0;
    }
}
