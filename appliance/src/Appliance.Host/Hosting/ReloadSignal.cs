using System.Runtime.InteropServices;

namespace Appliance.Host.Hosting;

/// <summary>
/// Runs an action on every SIGHUP, one at a time (a SIGHUP during a reload waits for it, then reloads again).
/// </summary>
internal sealed class ReloadSignal : IDisposable
{
    private readonly PosixSignalRegistration _registration;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ReloadSignal(Action reload)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _ = Task.Run(async () =>
            {
                await _gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    reload();
                }
                finally
                {
                    _gate.Release();
                }
            });
        });
    }

    public void Dispose()
    {
        _registration.Dispose();
        _gate.Dispose();
    }
}
