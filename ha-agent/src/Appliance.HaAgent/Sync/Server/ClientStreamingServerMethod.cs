using Appliance.HaAgent.Sync.Grpc;
using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Server;

internal sealed class ClientStreamingServerMethod<TRequest, TResponse>(
    GrpcMethod<TRequest, TResponse> method, Func<IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler)
    : ServerMethod(method.FullName)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task InvokeAsync(GrpcServerCall call)
    {
        var response = await handler(call.ReadAllAsync(method.RequestParser), call.Context);
        await call.WriteAsync(response);
    }
}
