using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Server;

internal sealed class ServerStreamWriter<T>(GrpcServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message) => call.WriteAsync(message);
}
