using Appliance.HaAgent.Sync.Grpc;
using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Server;

internal sealed class UnaryServerMethod<TRequest, TResponse>(
    GrpcMethod<TRequest, TResponse> method, Func<TRequest, ServerCallContext, Task<TResponse>> handler) : ServerMethod(method.FullName)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task InvokeAsync(GrpcServerCall call)
    {
        var request = await call.ReadSingleAsync(method.RequestParser);
        var response = await handler(request, call.Context);
        await call.WriteAsync(response);
    }
}
