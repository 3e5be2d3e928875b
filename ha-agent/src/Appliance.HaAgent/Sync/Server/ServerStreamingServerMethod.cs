using Appliance.HaAgent.Sync.Grpc;
using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Server;

internal sealed class ServerStreamingServerMethod<TRequest, TResponse>(
    GrpcMethod<TRequest, TResponse> method, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
    : ServerMethod(method.FullName)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task InvokeAsync(GrpcServerCall call)
    {
        var request = await call.ReadSingleAsync(method.RequestParser);
        await handler(request, new ServerStreamWriter<TResponse>(call), call.Context);
    }
}
