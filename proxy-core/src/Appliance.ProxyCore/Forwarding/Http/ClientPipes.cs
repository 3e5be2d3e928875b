using System.IO.Pipelines;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The pipes a client connection reads its requests from and writes its responses to, over a <see cref="CountingStream"/>
/// that can be pointed at another connection's stream, with the request head and its parser. A keep-alive connection
/// holds them only while a request is read or served and gives them back while it waits for the next one (nothing
/// buffered, nothing pending, head buffers returned), so idle connections hold none of them (issue 9: memory per idle
/// connection). Bounded pool: beyond <see cref="Capacity"/> returned pipes are
/// completed. Thread-safe.
/// </summary>
internal sealed class ClientPipes
{
    /// <summary>The most idle pipe pairs kept.</summary>
    public const int Capacity = 1024;

    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 16384, minimumReadSize: 4096, leaveOpen: true, useZeroByteReads: true);
    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 16384, leaveOpen: true);

    private static readonly ClientPipes?[] Items = new ClientPipes?[Capacity];
    private static readonly Lock Gate = new();
    private static int _count;

    private ClientPipes()
    {
        Stream = new CountingStream();
        Input = PipeReader.Create(Stream, ReaderOptions);
        Output = PipeWriter.Create(Stream, WriterOptions);
    }

    /// <summary>The counting stream under the pipes.</summary>
    public CountingStream Stream { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The head of the request being read or served.</summary>
    public HttpRequestHead Request { get; } = new();

    /// <summary>The parser that reads <see cref="Request"/> from <see cref="Input"/>.</summary>
    public HttpRequestParser Parser { get; } = new();

    /// <summary>How many idle pipe pairs the pool holds.</summary>
    public static int Count => Volatile.Read(ref _count);

    /// <summary>Pipes over <paramref name="stream"/> counting for <paramref name="counters"/>: idle ones from the pool, or new.</summary>
    public static ClientPipes Rent(Stream stream, TrafficCounters counters)
    {
        ClientPipes? pipes = null;
        lock (Gate)
        {
            if (_count > 0)
            {
                pipes = Items[--_count];
                Items[_count] = null;
            }
        }

        pipes ??= new ClientPipes();
        pipes.Stream.Bind(stream, counters);
        return pipes;
    }

    /// <summary>
    /// Takes back pipes with nothing buffered and no read or write in progress. Pipes whose reader saw the end of the
    /// stream cannot serve another connection: those are completed instead, as are pipes beyond the capacity.
    /// </summary>
    public void Return()
    {
        Request.ReleaseBuffers();
        if (!Stream.SawEnd)
        {
            Stream.Unbind();
            lock (Gate)
            {
                if (_count < Items.Length)
                {
                    Items[_count++] = this;
                    return;
                }
            }
        }

        Complete();
    }

    /// <summary>Ends the pipes for good (a connection that closes keeps them until then).</summary>
    public void Complete()
    {
        Request.Dispose();
        Input.Complete();
        Output.Complete();
    }
}
