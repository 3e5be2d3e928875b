using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// Creates TCP sockets inside a network namespace: one thread enters it (setns moves only that thread) and creates each
/// socket asked for; a socket belongs to the namespace it was created in, so it binds, connects and listens there from
/// any thread afterwards.
/// </summary>
internal sealed class NamespaceSockets : IDisposable
{
    private readonly BlockingCollection<TaskCompletionSource<Socket>> _requests = [];
    private readonly Thread _thread;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NamespaceSockets(string networkNamespace)
    {
        Namespace = networkNamespace;
        _thread = new Thread(Run) { IsBackground = true, Name = $"sockets in {networkNamespace}" };
        _thread.Start();
        _entered.Task.GetAwaiter().GetResult();
    }

    public string Namespace { get; }

    /// <summary>A new IPv4 TCP socket of the namespace.</summary>
    public Task<Socket> CreateAsync()
    {
        var request = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add(request);
        return request.Task;
    }

    public void Dispose()
    {
        _requests.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _requests.Dispose();
    }

    private void Run()
    {
        try
        {
            Posix.EnterNetworkNamespace(Namespace);
        }
        catch (Exception e)
        {
            _entered.TrySetException(e);
            return;
        }

        _entered.TrySetResult();
        foreach (var request in _requests.GetConsumingEnumerable())
        {
            try
            {
                request.TrySetResult(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            }
            catch (SocketException e)
            {
                request.TrySetException(e);
            }
        }
    }
}
