namespace Appliance.HaAgent.Sync.Server;

/// <summary>Sends a streaming method's responses, one message at a time, in order.</summary>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends <paramref name="message"/> and flushes it to the client.</summary>
    /// <exception cref="InvalidOperationException">When the call has already ended (its deadline passed, say).</exception>
    Task WriteAsync(T message);
}
