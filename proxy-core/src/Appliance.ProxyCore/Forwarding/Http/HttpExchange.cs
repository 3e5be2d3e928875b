using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Logging;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Persistence;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// One request/response exchange of a client connection: route the parsed request to a backend, get a server
/// connection (an idle one when allowed), send the rewritten head and stream the body while reading the response,
/// relay 1xx, switch to a tunnel on 101, send the response back, then decide what stays open. Reused, request after
/// request, by its <see cref="HttpClientConnection"/>; while that connection is idle the exchange goes back to its
/// frontend's <see cref="HttpExchangePool"/> and may serve another connection's next request (<see cref="Bind"/>).
/// </summary>
internal sealed partial class HttpExchange : IDisposable
{
    private HttpClientConnection _client;
    private readonly HttpResponseParser _responseParser = new();
    private readonly HttpResponseHead _response = new();
    private readonly ChunkedDecoder _requestDecoder = new();
    private readonly ChunkedDecoder _responseDecoder = new();
    private readonly ReadTimer _serverTimer;
    private readonly HeaderEdits _requestEdits = new();
    private readonly HeaderEdits _responseEdits = new();
    private readonly RequestRouting _routing;
    private readonly ResponseMessage _responseMessage = new();
    private readonly ExchangeLog _log;
    private bool _responseLoaded;

    public HttpExchange(HttpClientConnection client)
    {
        _client = client;
        _serverTimer = new ReadTimer(client.Context.Time);
        _log = new ExchangeLog(client, _response);
        var message = new RequestMessage(client.Info);
        _routing = new RequestRouting(client, message, new HttpTransaction(message) { FrontendName = client.Frontend.Name });
    }

    private HttpRequestHead Request => _client.Request;

    /// <summary>Gives the exchange to <paramref name="client"/> (a connection of the frontend it was made for).</summary>
    public void Bind(HttpClientConnection client)
    {
        _client = client;
        _log.Bind(client);
        _routing.Bind(client);
    }

    /// <summary>
    /// Returns the response head's buffers and forgets the client connection, so a pooled exchange keeps neither
    /// (<see cref="Bind"/> comes first when it is rented again).
    /// </summary>
    public void Detach()
    {
        _response.ReleaseBuffers();
        _client = null!;
        _log.Detach();
        _routing.Detach();
    }

    /// <summary>Runs the exchange and writes its access-log line; true when the client connection may carry another request.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RunAsync()
    {
        _log.Begin();
        try
        {
            return await RunCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _log.Write();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RunCoreAsync()
    {
        _requestEdits.Clear();
        _responseEdits.Clear();
        _responseLoaded = false;
        var (backend, reply) = _routing.Route();
        _log.Backend = backend;
        if (_routing.Service is { } service)
        {
            return await StatsExchange.ServeAsync(_client, _routing, service, backend).ConfigureAwait(false);
        }

        if (reply is not null)
        {
            return await ReplyAsync(reply, backend).ConfigureAwait(false);
        }

        if (backend is null)
        {
            _log.Fail(503, TerminationCause.ProxyAbort, SessionPhase.Request);
            await _client.RefuseAsync(503, "no-backend", $"frontend '{_client.Frontend.Name}' has no backend for this request").ConfigureAwait(false);
            return false;
        }

        if (!await ValidateBeforeForwardingAsync().ConfigureAwait(false))
        {
            return false;
        }

        var persistence = backend.Persistence?.OnRequest(Request, _requestEdits) ?? default;
        var preferred = persistence.Server ?? MatchStickiness(backend);
        if (_routing.Message.IsLoaded)
        {
            _routing.Message.Apply(_requestEdits);
        }

        var mode = HttpConnectionModes.Combine(_client.Frontend.Config, backend.Config);
        var pool = mode == HttpConnectionMode.KeepAlive ? _client.Context.Pool : null;
        var context = new BalanceContext(_client.Info.Client.Address, Request);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (connection, failure) = await _client.Context.Connector.ConnectAsync(
                backend, context, _client.Info.Frontend.Port, _client.Abort, preferred, attempt == 0 ? pool : null).ConfigureAwait(false);
            if (connection is null)
            {
                var termination = failure.ToTermination();
                _log.Fail(503, termination.Cause, termination.Phase);
                await _client.RefuseAsync(503, failure.ToString(), $"backend '{backend.Name}': {failure}", backend).ConfigureAwait(false);
                return false;
            }

            backend.Stick?.StoreRequest(_routing.Transaction.Samples, connection.Server);
            var link = new ServerLink(connection);
            var outcome = await ForwardAsync(backend, link, mode, persistence).ConfigureAwait(false);
            if (outcome != ExchangeOutcome.RetryFresh)
            {
                return outcome == ExchangeOutcome.KeepAlive;
            }
        }

        return false;
    }

    /// <summary>The server a <c>stick match</c> entry names (cookie persistence, checked first, wins as in HAProxy).</summary>
    private ServerModel? MatchStickiness(BackendModel backend)
    {
        if (backend.Stick is not { } stick)
        {
            return null;
        }

        if (stick.ReadsMessages)
        {
            _routing.EnsureLoaded();
        }

        return stick.Match(_routing.Transaction.Samples);
    }

    public void Dispose()
    {
        _serverTimer.Dispose();
        _response.Dispose();
        _routing.Message.Dispose();
        _responseMessage.Dispose();
    }

    /// <summary>
    /// Checks what can be checked before a server sees anything: a WebSocket upgrade carries its key, and the part of a
    /// chunked body already received is well-formed (so a malformed request that arrived whole never reaches a server).
    /// </summary>
    private async Task<bool> ValidateBeforeForwardingAsync()
    {
        if (Request.IsUpgradeRequest && Ascii.EqualsIgnoreCase(Request.Upgrade, "websocket"u8)
            && Request.IndexOfHeader("Sec-WebSocket-Key"u8) < 0)
        {
            _log.Fail(400, TerminationCause.ProxyAbort, SessionPhase.Request);
            await _client.RefuseAsync(400, "ws-key-missing", "WebSocket upgrade without Sec-WebSocket-Key").ConfigureAwait(false);
            return false;
        }

        if (Request.Framing != BodyFraming.Chunked || !_client.Input.TryRead(out var buffered))
        {
            return true;
        }

        var probe = new ChunkedDecoder();
        var result = probe.Validate(buffered.Buffer);
        _client.Input.AdvanceTo(buffered.Buffer.Start);
        if (result.Status != ChunkedDecodeStatus.Error)
        {
            return true;
        }

        _log.Fail(400, TerminationCause.ProxyAbort, SessionPhase.Request);
        await _client.RefuseAsync(400, RejectReasons.Code(result.Reason), RejectReasons.Message(result.Reason)).ConfigureAwait(false);
        return false;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ExchangeOutcome> ForwardAsync(BackendModel backend, ServerLink link, HttpConnectionMode mode, CookieDecision persistence)
    {
        var keepServer = false;
        _log.Connection = link.Connection;
        try
        {
            var serverConnection = mode != HttpConnectionMode.KeepAlive || Request.MustClose ? "close"
                : Request.IsUpgradeRequest ? "upgrade"
                : Request.Version == HttpProtocolVersion.Http10 ? "keep-alive" : null;
            if (_routing.Message.IsLoaded)
            {
                HttpHeadWriter.WriteRequest(link.Output, Request, _routing.Message, serverConnection);
            }
            else
            {
                HttpHeadWriter.WriteRequest(link.Output, Request, _requestEdits, serverConnection);
            }

            if ((await link.Output.FlushAsync(_client.Abort).ConfigureAwait(false)).IsCompleted)
            {
                return await FailBeforeResponseAsync(backend, link, "server closed before the request was sent").ConfigureAwait(false);
            }

            _log.RequestSent = _client.Context.Time.GetTimestamp();
            // Awaited after the response, possibly twice: Preserve keeps a copy done at once (most requests have no body)
            // as its result, with no Task to allocate as AsTask did, and turns one still running into a Task.
            var requestBody = HttpBodyCopier.CopyAsync(_client.Input, link.Output, Request, _requestDecoder, _client.ClientTimer,
                _client.FrontendTimeouts.Client, new BodyStreams(_client.Stream, link.Stream, MayReadPastBody: false)).Preserve();
            var head = await ReadResponseHeadAsync(backend, link).ConfigureAwait(false);
            if (head is not null)
            {
                return head.Value;
            }

            if (_response.IsSwitchingProtocols)
            {
                return await TunnelAsync(backend, link).ConfigureAwait(false);
            }

            _routing.Transaction.ServerName = link.Connection.Server.Name;
            if (ApplyResponseRules(backend) is { } denied)
            {
                CountDeniedResponse(backend, link.Connection.Server);
                link.Abort();
                await ReplyAsync(denied, backend).ConfigureAwait(false);
                return ExchangeOutcome.Close;
            }

            StoreResponseStickiness(backend, link.Connection.Server);
            backend.Persistence?.OnResponse(Request, _response, link.Connection.Server, persistence, _responseEdits);
            if (_responseLoaded)
            {
                _responseMessage.Apply(_responseEdits);
            }

            _client.CountResponse(_response.StatusCode, backend);
            link.Connection.Server.State.Traffic.RequestAnswered(_response.StatusCode);
            // A soft stop in progress ends the connection after this response, and says so (HAProxy's soft stop).
            var closeClient = Request.MustClose || mode == HttpConnectionMode.Close || _response.Framing == BodyFraming.ReadUntilClose
                || _client.CloseForStop();
            var clientConnection = closeClient ? "close" : Request.Version == HttpProtocolVersion.Http10 ? "keep-alive" : null;
            if (_responseLoaded)
            {
                HttpHeadWriter.WriteResponse(_client.Output, _response, _responseMessage, clientConnection);
            }
            else
            {
                HttpHeadWriter.WriteResponse(_client.Output, _response, _responseEdits, clientConnection);
            }

            var (bodyStatus, _, serverOverrun) = await HttpBodyCopier.CopyAsync(link.Input, _client.Output, _response, _responseDecoder,
                _serverTimer, backend.Config.Timeouts.Server, new BodyStreams(link.Stream, _client.Stream, MayReadPastBody: true)).ConfigureAwait(false);
            await _client.Output.FlushAsync(_client.Abort).ConfigureAwait(false);
            ProxyLog.HttpExchange(_client.Context.Logger, _client.Info.Client, _client.Frontend.Name, backend.Name,
                link.Connection.Server.Name, Request, _response.StatusCode);
            if (bodyStatus != BodyCopyStatus.Complete)
            {
                _log.Termination = new TerminationState(
                    bodyStatus == BodyCopyStatus.TargetClosed ? TerminationCause.ClientAbort
                    : bodyStatus == BodyCopyStatus.TimedOut ? TerminationCause.ServerTimeout : TerminationCause.ServerAbort,
                    SessionPhase.Data);
                return ExchangeOutcome.Close;
            }

            if (!requestBody.IsCompleted)
            {
                // The server answered before reading the whole request body: the rest cannot be skipped safely.
                link.Abort();
                await requestBody.ConfigureAwait(false);
                return ExchangeOutcome.Close;
            }

            var (requestStatus, _, _) = await requestBody.ConfigureAwait(false);
            keepServer = requestStatus == BodyCopyStatus.Complete && !_response.MustClose && !serverOverrun && serverConnection is null;
            return requestStatus == BodyCopyStatus.Complete && !closeClient ? ExchangeOutcome.KeepAlive : ExchangeOutcome.Close;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return ExchangeOutcome.Close;
        }
        finally
        {
            link.Release(keepServer && mode == HttpConnectionMode.KeepAlive ? _client.Context.Pool : null);
        }
    }
}
