using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Logging;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Transport;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// One client connection in <c>mode http</c>: reads request heads one after the other (keep-alive, pipelining handled by
/// reading the next head only once the previous exchange is over), refuses malformed ones before anything reaches a
/// server, and runs each valid request through an <see cref="HttpExchange"/>. Every refusal answers with an error page,
/// is logged with its reason and closes the connection.
/// </summary>
internal sealed partial class HttpClientConnection : IAsyncDisposable
{
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 16384, minimumReadSize: 4096, leaveOpen: true, useZeroByteReads: true);
    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 16384, leaveOpen: true);

    /// <summary>How long a lingering close drains what the client still sends after an error response, and how much.</summary>
    private static readonly TimeSpan LingerTime = TimeSpan.FromSeconds(1);
    private const int LingerBytes = 64 * 1024;

    private readonly HttpRequestParser _parser = new();
    private readonly Stream _stream;
    private readonly HttpExchangePool _exchanges;
    private readonly CountingStream _counted;
    private RejectReason _rejectReason;
    private int _rejectStatus;


    public HttpClientConnection(
        HttpProxyContext context, Socket socket, Stream stream, FrontendModel frontend, bool isTls, SoftStop stop,
        string? sniHost = null)
    {
        Context = context;
        Socket = socket;
        Frontend = frontend;
        Abort = stop.Abort;
        Stop = stop;
        Info = HttpSessionInfo.From(socket, isTls, frontend.Name, sniHost);
        _stream = stream;
        _exchanges = HttpExchangePool.Of(frontend);
        _counted = new CountingStream(stream, frontend.Traffic);
        Input = PipeReader.Create(_counted, ReaderOptions);
        Output = PipeWriter.Create(_counted, WriterOptions);
        ClientTimer = new ReadTimer(context.Time);
    }

    public HttpProxyContext Context { get; }

    /// <summary>Bytes read from the client on this connection so far.</summary>
    public long BytesIn => _counted.BytesRead;

    /// <summary>Bytes written to the client on this connection so far.</summary>
    public long BytesOut => _counted.BytesWritten;

    /// <summary>When the current request's first byte arrived (the accept for the first request).</summary>
    public long RequestStart { get; private set; }

    /// <summary>When the current request's head was complete.</summary>
    public long HeadComplete { get; private set; }

    /// <summary>The wall-clock date of <see cref="RequestStart"/> (HAProxy's %tr).</summary>
    public DateTimeOffset RequestDate { get; private set; }

    public Socket Socket { get; }

    public FrontendModel Frontend { get; }

    public HttpSessionInfo Info { get; }

    /// <summary>Fires when the connection must close now (<c>hard-stop-after</c>, or a stop's grace over).</summary>
    public CancellationToken Abort { get; }

    /// <summary>
    /// The soft stop of the configuration this connection runs with: once it began, the connection closes when idle and
    /// the response of the request in progress says <c>Connection: close</c> (both spread by <c>close-spread-time</c>).
    /// </summary>
    public SoftStop Stop { get; }

    /// <summary>True once the soft stop began.</summary>
    public bool IsStopping => Stop.IsStopping;

    /// <summary>Whether the response being written now must end the connection: asked once per response.</summary>
    public bool CloseForStop() => Stop.IsStopping && Stop.CloseAfterResponse();

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The counting stream under <see cref="Input"/> and <see cref="Output"/> (the TLS stream's, for TLS clients).</summary>
    public Stream Stream => _counted;

    public HttpRequestHead Request { get; } = new();

    public ReadTimer ClientTimer { get; }

    public TimeoutsConfig FrontendTimeouts => Frontend.Config.Timeouts;

    public async Task RunAsync()
    {
        HttpExchange? exchange = null;
        using var stop = Abort.Register(static s => ((Socket)s!).Close(0), Socket);
        using var softStop = Stop.Stopping.Register(static s => ((HttpClientConnection)s!).CloseIfIdle(), this);
        var first = true;
        try
        {
            while (!Abort.IsCancellationRequested)
            {
                switch (await ReadRequestHeadAsync(first).ConfigureAwait(false))
                {
                    case RequestHeadOutcome.Closed:
                        return;
                    case RequestHeadOutcome.TimedOut:
                        LogRefused(408, new TerminationState(TerminationCause.ClientTimeout, SessionPhase.Request));
                        await RefuseAsync(408, "timeout http-request", "the request head did not arrive in time").ConfigureAwait(false);
                        return;
                    case RequestHeadOutcome.Rejected:
                        LogRefused(_rejectStatus, new TerminationState(TerminationCause.ProxyAbort, SessionPhase.Request));
                        await RefuseAsync(_rejectStatus, RejectReasons.Code(_rejectReason), RejectReasons.Message(_rejectReason)).ConfigureAwait(false);
                        return;
                }

                Frontend.Traffic.RequestReceived();
                exchange ??= _exchanges.Rent(this);
                if (!await exchange.RunAsync().ConfigureAwait(false))
                {
                    return;
                }

                if (!Input.TryRead(out var buffered))
                {
                    // Idle until the next request: the exchange serves other connections meanwhile.
                    _exchanges.Return(exchange);
                    exchange = null;
                    if (!await WaitForNextRequestAsync().ConfigureAwait(false))
                    {
                        return;
                    }
                }
                else
                {
                    // Pipelined bytes (or the end of the stream) are already here: read the next head at once.
                    Input.AdvanceTo(buffered.Buffer.Start);
                }

                first = false;
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // The client went away or the proxy is stopping: nothing to answer.
        }
        finally
        {
            exchange?.Dispose();
        }
    }

    /// <summary>The access-log line of a request refused before it could be routed (HAProxy's <c>&lt;BADREQ&gt;</c> lines).</summary>
    private void LogRefused(int status, TerminationState termination)
    {
        if (!Context.AccessLog.IsEnabled(Frontend.Name))
        {
            return;
        }

        Context.AccessLog.Write(new HttpAccessRecord
        {
            Client = Info.Client,
            FrontendEndPoint = Info.Frontend,
            RequestDate = RequestDate,
            Frontend = Frontend.Name,
            FrontendTls = Info.IsTls,
            Status = status,
            BytesUploaded = BytesIn,
            Termination = termination,
            ActiveConnections = Frontend.Traffic.CurrentSessions,
            FrontendConnections = Frontend.Traffic.CurrentSessions,
        });
    }

    /// <summary>Writes the error page for <paramref name="status"/> (logging why) and closes gracefully.</summary>
    public async Task RefuseAsync(int status, string code, string reason, BackendModel? backend = null)
    {
        ProxyLog.HttpRequestRejected(Context.Logger, Info.Client.ToString(), Frontend.Name, status, code, reason);
        if (status is >= 400 and < 500)
        {
            Frontend.Traffic.RequestError();
        }

        await SendErrorAsync(status, backend).ConfigureAwait(false);
    }

    /// <summary>Writes an error page (which says <c>connection: close</c>) and closes the connection gracefully.</summary>
    public Task SendErrorAsync(int status, BackendModel? backend = null)
    {
        CountResponse(status, backend);
        return SendAndCloseAsync(HttpReplyWriter.ErrorPage(status, Frontend, backend, Context.Errors));
    }

    /// <summary>Counts a final response the client gets: the frontend's, and the backend's when one was chosen (HAProxy's hrsp_*).</summary>
    public void CountResponse(int status, BackendModel? backend)
    {
        Frontend.Traffic.ResponseSent(status);
        backend?.Traffic.RequestAnswered(status);
    }

    /// <summary>Writes a complete response that ends the connection, then closes gracefully.</summary>
    public async Task SendAndCloseAsync(ReadOnlyMemory<byte> response)
    {
        try
        {
            await Output.WriteAsync(response, Abort).ConfigureAwait(false);
            await LingerAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        ClientTimer.Dispose();
        Request.Dispose();
        await Input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a FIN, then reads and discards what the client still sends (briefly), so the kernel does not answer unread
    /// bytes with a reset that would destroy the error page before the client reads it (HAProxy's lingering close).
    /// </summary>
    private async Task LingerAsync()
    {
        Socket.Shutdown(SocketShutdown.Send);
        var drained = 0L;
        while (drained < LingerBytes)
        {
            var read = await Input.ReadAsync(ClientTimer.Start(LingerTime)).ConfigureAwait(false);
            drained += read.Buffer.Length;
            Input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Between two requests, with nothing of the next one buffered: returns the request head's buffers and waits for
    /// the client's next bytes with a zero-byte read on the connection's own stream, so an idle keep-alive connection
    /// holds no buffer, no exchange and no pipe read in progress (issue 9: memory per idle connection). False when
    /// <c>timeout http-keep-alive</c> (else <c>timeout http-request</c>, else <c>timeout client</c>) passed first: the
    /// connection is then closed quietly, as before.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WaitForNextRequestAsync()
    {
        Request.ReleaseBuffers();
        var t = FrontendTimeouts;
        var deadline = EnterIdle(t.HttpKeepAlive ?? t.HttpRequest ?? t.Client);

        try
        {
            // A zero-byte read completes when data (or the end of the stream) arrives and copies nothing.
            await _stream.ReadAsync(Memory<byte>.Empty, deadline).ConfigureAwait(false);
            _counted.DataWaiting();
        }
        catch (OperationCanceledException) when (ClientTimer.Expired)
        {
            return false;
        }

        LeaveIdle();
        return true;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RequestHeadOutcome> ReadRequestHeadAsync(bool first)
    {
        _parser.Reset();
        var sawBytes = false;
        if (first)
        {
            // The first request's timers start at the accept, as HAProxy's do.
            RequestStart = Context.Time.GetTimestamp();
            RequestDate = Context.Time.GetUtcNow();
        }

        var t = FrontendTimeouts;
        while (true)
        {
            // timeout http-request bounds a head from its first byte (and the first request from the accept);
            // timeout http-keep-alive bounds the wait for the next request. Both fall back to timeout client.
            var timeout = first || sawBytes ? t.HttpRequest ?? t.Client : t.HttpKeepAlive ?? t.HttpRequest ?? t.Client;
            // Before the next request's first byte the connection is still idle (the wait before it may wake with nothing
            // to read): a soft stop closes it there too.
            var idle = !first && !sawBytes;
            var deadline = idle ? EnterIdle(timeout) : ClientTimer.Start(timeout);

            ReadResult read;
            try
            {
                read = await Input.ReadAsync(deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ClientTimer.Expired)
            {
                // A connection that never sent a byte is closed quietly, as HAProxy does (browsers pre-connect).
                return sawBytes ? RequestHeadOutcome.TimedOut : RequestHeadOutcome.Closed;
            }

            if (idle)
            {
                LeaveIdle();
            }

            var buffer = read.Buffer;
            if (!sawBytes && !buffer.IsEmpty && !first)
            {
                RequestStart = Context.Time.GetTimestamp();
                RequestDate = Context.Time.GetUtcNow();
            }

            sawBytes |= !buffer.IsEmpty;
            var result = _parser.Parse(buffer, Request);
            if (result.IsComplete)
            {
                Input.AdvanceTo(result.Consumed);
                HeadComplete = Context.Time.GetTimestamp();
                return RequestHeadOutcome.Ready;
            }

            if (result.IsError)
            {
                _rejectReason = result.Reason;
                _rejectStatus = result.StatusCode;
                Input.AdvanceTo(result.Consumed);
                return RequestHeadOutcome.Rejected;
            }

            Input.AdvanceTo(result.Consumed, result.Examined);
            if (read.IsCompleted)
            {
                return RequestHeadOutcome.Closed;
            }
        }
    }
}
