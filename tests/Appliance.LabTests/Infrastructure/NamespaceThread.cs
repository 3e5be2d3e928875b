namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// Runs a function on a new thread inside a network namespace: setns moves only that thread, and a socket belongs to the
/// namespace it was created in, so a socket opened there keeps working from any thread afterwards.
/// </summary>
internal static class NamespaceThread
{
    public static T Run<T>(string networkNamespace, Func<T> function)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Posix.EnterNetworkNamespace(networkNamespace);
                result = function();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = $"netns {networkNamespace}" };
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"in namespace {networkNamespace}: {failure.Message}", failure);
    }
}
