using System.Runtime.InteropServices;

namespace Appliance.Host.Hosting;

/// <summary>Completes with the signal's name on the first SIGINT or SIGTERM, and stops the runtime from exiting at once.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource<string> _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public ShutdownSignal()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public Task<string> Task => _signalled.Task;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _signalled.TrySetResult(context.Signal.ToString());
    }
}
