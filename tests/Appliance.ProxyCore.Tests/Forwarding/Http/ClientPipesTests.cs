using System.Buffers;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Forwarding.Http;

public sealed class ClientPipesTests
{
    private readonly TrafficCounters _counters = new(TimeProvider.System);

    [Fact]
    public async Task Rent_AfterReturn_SamePipesReadTheNewStreamWithFreshCounts()
    {
        var pipes = ClientPipes.Rent(new MemoryStream("GET / HTTP/1.1\r\n"u8.ToArray()), _counters);
        var read = await pipes.Input.ReadAsync();
        Assert.Equal(16, read.Buffer.Length);
        pipes.Input.AdvanceTo(read.Buffer.End);
        Assert.Equal(16, pipes.Stream.BytesRead);
        pipes.Return();

        var next = new MemoryStream("POST"u8.ToArray());
        var again = ClientPipes.Rent(next, _counters);
        read = await again.Input.ReadAsync();

        Assert.Same(pipes, again);
        Assert.Equal("POST"u8.ToArray(), read.Buffer.ToArray());
        Assert.Equal(4, again.Stream.BytesRead);
        again.Input.AdvanceTo(read.Buffer.End);
        again.Return();
    }

    [Fact]
    public async Task Return_AfterTheEndOfTheStream_IsNotPooled()
    {
        var pipes = ClientPipes.Rent(new MemoryStream([]), _counters);
        var read = await pipes.Input.ReadAsync();
        Assert.True(read.IsCompleted);
        pipes.Input.AdvanceTo(read.Buffer.End);

        pipes.Return();

        var other = ClientPipes.Rent(new MemoryStream([]), _counters);
        Assert.NotSame(pipes, other);
        other.Complete();
    }

    [Fact]
    public async Task Output_WritesCountedOnTheBoundStream()
    {
        var sink = new MemoryStream();
        var pipes = ClientPipes.Rent(sink, _counters);

        await pipes.Output.WriteAsync("HTTP/1.1 200 OK\r\n"u8.ToArray());

        Assert.Equal("HTTP/1.1 200 OK\r\n"u8.ToArray(), sink.ToArray());
        Assert.Equal(17, pipes.Stream.BytesWritten);
        pipes.Return();
    }
}
