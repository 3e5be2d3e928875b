using Appliance.HaAgent.Sync.Security;
using Appliance.Tests.Common;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Tests.Sync.Interop;

/// <summary>
/// A stock gRPC client, @grpc/grpc-js on Node.js, calls our server: every call kind succeeds, a call past its deadline
/// gets DEADLINE_EXCEEDED, a handler exception INTERNAL, and a client without credentials UNAUTHENTICATED.
/// </summary>
public class GrpcJsInteropTests
{
    [NodeFact]
    public async Task GrpcJs_MutualTlsWithClusterCa_AllCallKindsDeadlineAndUnauthenticated()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.MutualTls);
        using var directory = new TempDirectory();
        string Path(string name) => System.IO.Path.Combine(directory.Path, name);
        CertificatePemFiles.Write(TestPki.ClusterCa, Path("ca.pem"), keyPath: null);
        CertificatePemFiles.Write(TestPki.NodeB, Path("node-b.pem"), Path("node-b.key"));

        var lines = await GrpcJsClient.RunAsync(
        [
            "--target", $"127.0.0.1:{server.EndPoint.Port}", "--proto", GrpcJsClient.ProtoPath, "--mode", "tls",
            "--ca", Path("ca.pem"), "--cert", Path("node-b.pem"), "--key", Path("node-b.key"), "--server-name", "node-a",
        ]);

        await AssertCommonScenarios(server, lines, identity: "node-b");
        Assert.Contains("unauthenticated UNAUTHENTICATED unauthenticated: no client certificate", lines);
        await server.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.EndsWith("refused, unauthenticated: no client certificate", StringComparison.Ordinal));
    }

    [NodeFact]
    public async Task GrpcJs_H2cWithPskHmacMetadata_AllCallKindsDeadlineAndUnauthenticated()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        var lines = await GrpcJsClient.RunAsync(
        [
            "--target", $"127.0.0.1:{server.EndPoint.Port}", "--proto", GrpcJsClient.ProtoPath, "--mode", "psk",
            "--psk", Convert.ToBase64String(ProbeServer.Key),
        ]);

        await AssertCommonScenarios(server, lines, identity: "psk");
        Assert.Contains("unauthenticated UNAUTHENTICATED unauthenticated: no authorization header", lines);
    }

    private static async Task AssertCommonScenarios(ProbeServer server, IReadOnlyList<string> lines, string identity)
    {
        var report = string.Join('\n', lines);
        Assert.True(lines.Count == 8, report);
        Assert.Equal($"unary OK text=hello from grpc-js peer={identity}", lines[0]);
        Assert.Equal("count OK values=1,2,3,4,5", lines[1]);
        Assert.Equal("sum OK sum=45 count=4", lines[2]);
        Assert.Equal("chat OK replies=1:ONE,2:TWO,3:THREE", lines[3]);
        Assert.StartsWith("deadline DEADLINE_EXCEEDED", lines[4], StringComparison.Ordinal);
        Assert.Equal("internal INTERNAL Exception was thrown by handler.", lines[5]);
        Assert.StartsWith("unauthenticated UNAUTHENTICATED", lines[6], StringComparison.Ordinal);
        Assert.Equal("done", lines[7]);

        // The slow handler behind the deadline scenario was cancelled: grpc-js's grpc-timeout (or its stream reset) reached it.
        Assert.Equal(1, server.Probe.CancelledCalls);
    }
}
