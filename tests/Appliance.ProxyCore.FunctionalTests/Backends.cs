using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests;

/// <summary>A set of <see cref="TestBackend"/>s named b0, b1, ... and the <c>server</c> lines that point at them.</summary>
internal sealed class Backends : IAsyncDisposable
{
    private Backends(List<TestBackend> all)
    {
        All = all;
    }

    public List<TestBackend> All { get; }

    public TestBackend this[int index] => All[index];

    public static Task<Backends> StartAsync(int count) =>
        Task.FromResult(new Backends(Enumerable.Range(0, count).Select(i => new TestBackend($"b{i}")).ToList()));

    /// <summary>One <c>server bN 127.0.0.1:PORT EXTRA</c> line per backend.</summary>
    public string ServerLines(Func<int, string>? extra = null) => string.Join(
        "\n", All.Select((b, i) => $"    server {b.Name} 127.0.0.1:{b.Port} {extra?.Invoke(i)}".TrimEnd()));

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in All)
        {
            await backend.DisposeAsync();
        }
    }
}
