using System.Globalization;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Protos;
using Appliance.HaAgent.Sync.Server;

namespace Appliance.HaAgent.Sync.Probe;

/// <summary>
/// The probe service: one method of each call kind, answering from the request alone. Serves the transport's tests and
/// the grpc-js interoperability test, and lets an operator check a node's sync port end to end.
/// </summary>
public sealed class ProbeService
{
    /// <summary>The exception message of <c>Echo(fail: "internal")</c>: a test checks it never reaches the client.</summary>
    public const string SecretFailure = "probe failure with internal details that must stay on the server";

    private readonly TimeProvider _time;
    private int _cancelledCalls;

    /// <summary>A probe service whose waits run on <paramref name="time"/>; default <see cref="TimeProvider.System"/>.</summary>
    public ProbeService(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many calls saw their cancellation token fire (client cancel or deadline) while waiting.</summary>
    public int CancelledCalls => Volatile.Read(ref _cancelledCalls);

    /// <summary>Adds the four methods to <paramref name="services"/>.</summary>
    public GrpcServiceRegistry Register(GrpcServiceRegistry services) => services
        .AddUnary(ProbeMethods.Echo, EchoAsync)
        .AddServerStreaming(ProbeMethods.Count, CountAsync)
        .AddClientStreaming(ProbeMethods.Sum, SumAsync)
        .AddDuplexStreaming(ProbeMethods.Chat, ChatAsync);

    private async Task<EchoReply> EchoAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0)
        {
            await WaitAsync(TimeSpan.FromMilliseconds(request.DelayMs), context.CancellationToken);
        }

        if (request.Fail.Length > 0)
        {
            if (request.Fail == "internal")
            {
                throw new InvalidOperationException(SecretFailure);
            }

            var code = Enum.GetValues<StatusCode>().FirstOrDefault(c => ToConstantName(c) == request.Fail);
            throw new RpcException(code == StatusCode.OK ? StatusCode.InvalidArgument : code, $"probe asked to fail with {request.Fail}");
        }

        return new EchoReply { Text = request.Text, Peer = context.PeerIdentity, Address = context.Peer };
    }

    private async Task CountAsync(CountRequest request, IServerStreamWriter<CountReply> responses, ServerCallContext context)
    {
        for (uint i = 1; i <= request.Count; i++)
        {
            if (i > 1 && request.IntervalMs > 0)
            {
                await WaitAsync(TimeSpan.FromMilliseconds(request.IntervalMs), context.CancellationToken);
            }

            await responses.WriteAsync(new CountReply { Value = i });
        }
    }

    private static async Task<SumReply> SumAsync(IAsyncEnumerable<SumRequest> requests, ServerCallContext context)
    {
        var reply = new SumReply();
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            reply.Sum += request.Value;
            reply.Count++;
        }

        return reply;
    }

    private static async Task ChatAsync(IAsyncEnumerable<ChatMessage> requests, IServerStreamWriter<ChatMessage> responses, ServerCallContext context)
    {
        uint sequence = 0;
        await foreach (var message in requests.WithCancellation(context.CancellationToken))
        {
            await responses.WriteAsync(new ChatMessage { Text = message.Text.ToUpperInvariant(), Sequence = ++sequence });
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelledCalls);
            throw;
        }
    }

    // DEADLINE_EXCEEDED style, as grpc-js and the spec write status names.
    private static string ToConstantName(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        _ => string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString(CultureInfo.InvariantCulture))).ToUpperInvariant(),
    };
}
