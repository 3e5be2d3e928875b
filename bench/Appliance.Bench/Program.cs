using Appliance.Bench.Failover;
using Appliance.Bench.Idle;
using Appliance.Bench.Support;
using Appliance.Bench.Sync;
using Appliance.Bench.WebSockets;

namespace Appliance.Bench;

/// <summary>
/// appliance-bench: the measuring pieces bench/run cannot take off the shelf. Each command prints its result as
/// <c>key=value</c> words on one line starting with <c>RESULT</c>, which bench/run parses.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: appliance-bench COMMAND [--option value ...]
          failover --impl ours|keepalived --advert-ms N --fault kill|stop --runs N --appliance EXE --lab lab/lab.sh --prefix P --workdir DIR
                   client-visible outage after the fault on the master, measured by the lab's 10 ms client probe
          sync     --appliance EXE --lab lab/lab.sh --prefix P --workdir DIR [--rate N] [--seconds N] [--runs N]
                   replication lag under N new sticky entries/s (default 5000 for 20 s), then --runs (default 5)
                   configuration changes timed until every node serves them
          ws-echo  --port N                         WebSocket echo server on 127.0.0.1 (the backend of the WebSocket cell)
          ws-load  --port N --connections N --seconds N --size N
                                                    echo round trips through ws://127.0.0.1:N/: messages/s, p50/p99
          idle     --port N --connections N [--concurrency N] [--path /]
                                                    opens N keep-alive HTTP connections, one request each, then holds them
                                                    until killed; prints RESULT ready=N failed=N when all are idle
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var options = new Arguments(args.Skip(1));
            return args[0] switch
            {
                "failover" => await FailoverCommand.RunAsync(options),
                "sync" => await SyncLagCommand.RunAsync(options),
                "ws-echo" => await EchoServer.RunAsync(options),
                "ws-load" => await EchoLoad.RunAsync(options),
                "idle" => await IdleConnections.RunAsync(options),
                _ => UsageError($"unknown command '{args[0]}'"),
            };
        }
        catch (ArgumentException e)
        {
            return UsageError(e.Message);
        }
    }

    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"appliance-bench: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
