namespace Appliance.HaAgent.Sync.Server;

/// <summary>A registered method: reads its requests from a call, runs its handler, writes its responses.</summary>
internal abstract class ServerMethod
{
    protected ServerMethod(string fullName)
    {
        FullName = fullName;
    }

    public string FullName { get; }

    /// <summary>Runs the call to its end; the status (OK or the exception's) is sent by the caller.</summary>
    public abstract Task InvokeAsync(GrpcServerCall call);
}
