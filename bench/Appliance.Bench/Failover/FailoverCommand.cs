using Appliance.Bench.Support;

namespace Appliance.Bench.Failover;

/// <summary><c>failover</c>: several runs of one cell (implementation × advert interval × fault), one line per run.</summary>
internal static class FailoverCommand
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var impl = options.Text("impl");
        Func<LabSetup, string, IRouterNode> create = impl switch
        {
            "ours" => (lab, name) => new OursNode(lab, name),
            "keepalived" => (lab, name) => new KeepalivedNode(lab, name),
            _ => throw new ArgumentException($"--impl expects ours or keepalived, got '{impl}'"),
        };
        var fault = options.Text("fault");
        if (fault is not ("kill" or "stop" or "linkdown" or "load"))
        {
            throw new ArgumentException($"--fault expects kill, stop, linkdown or load, got '{fault}'");
        }

        var sync = options.Text("sync", "psk");
        if (sync is not ("psk" or "none"))
        {
            throw new ArgumentException($"--sync expects psk or none, got '{sync}'");
        }

        var nginxConfig = fault == "load" ? options.Text("nginx-conf") : null;
        var runs = options.Number("runs");
        var failures = 0;
        for (var run = 1; run <= runs; run++)
        {
            var workdir = Directory.CreateDirectory(Path.Combine(options.Text("workdir"), $"{impl}-{fault}-{options.Text("advert-ms")}-{run}")).FullName;
            var lab = new LabSetup(options.Text("prefix"), options.Text("lab"), options.Text("appliance"), workdir, options.Number("advert-ms"))
            {
                WithWebListener = fault == "load",
                WithSync = sync == "psk",
            };
            try
            {
                var result = await FailoverRun.RunAsync(lab, create, fault, nginxConfig, options.Number("load-seconds", 30));
                Console.WriteLine($"RESULT impl={impl} advert_ms={lab.AdvertMs} fault={fault} run={run} sync={(impl == "ours" ? sync : "-")} {result}");
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                failures++;
                Console.WriteLine($"FAILED impl={impl} advert_ms={lab.AdvertMs} fault={fault} run={run}: {e.Message.ReplaceLineEndings(" | ")}");
            }
        }

        return failures == runs ? 1 : 0;
    }
}
