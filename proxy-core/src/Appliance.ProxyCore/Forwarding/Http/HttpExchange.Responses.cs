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

/// <summary>The response side of <see cref="HttpExchange"/>: the response head, response rules, replies, the tunnel, 502/504.</summary>
internal sealed partial class HttpExchange
{
    /// <summary>Runs http-response rules (backend, then frontend); a reply that replaces the response, or null.</summary>
    private HttpReply? ApplyResponseRules(BackendModel backend)
    {
        var (backendRules, frontendRules) = _routing.ResponseRuleSets(backend);
        foreach (var rules in (ReadOnlySpan<HttpRuleSet?>)[backendRules, frontendRules])
        {
            if (rules is null)
            {
                continue;
            }

            LoadResponseView();
            var outcome = rules.ApplyResponseRules(_responseMessage, _routing.Transaction);
            if (outcome.Replies)
            {
                return outcome.Reply;
            }
        }

        return null;
    }

    /// <summary>Makes the response readable by fetches (and editable) through the transaction.</summary>
    private void LoadResponseView()
    {
        if (!_responseLoaded)
        {
            _responseMessage.Load(_response);
            _routing.Transaction.Response = _responseMessage;
            _responseLoaded = true;
        }
    }

    /// <summary>Runs <c>stick store-response</c> for the server that answered.</summary>
    private void StoreResponseStickiness(BackendModel backend, ServerModel server)
    {
        if (backend.Stick is { HasResponseRules: true } stick)
        {
            LoadResponseView();
            stick.StoreResponse(_routing.Transaction.Samples, server);
        }
    }

    /// <summary>Sends a rule's reply instead of forwarding; keeps the connection when no request body is pending.</summary>
    private async Task<bool> ReplyAsync(HttpReply reply, BackendModel? backend)
    {
        var keepAlive = Request.Framing == BodyFraming.None && !Request.MustClose && !reply.UsesErrorPage && !_client.CloseForStop();
        _client.CountResponse(reply.Status, backend);

        // HAProxy: a deny is the proxy's doing (PR), a redirect or a return is a local reply (LR).
        _log.Fail(reply.Status, reply.Status is 401 or 403 ? TerminationCause.ProxyAbort : TerminationCause.Local, SessionPhase.Request);
        var response = HttpReplyWriter.Render(reply, keepAlive, _client.Frontend, backend, _client.Context.Errors);
        if (!keepAlive)
        {
            await _client.SendAndCloseAsync(response).ConfigureAwait(false);
            return false;
        }

        await _client.Output.WriteAsync(response, _client.Abort).ConfigureAwait(false);
        return true;
    }

    /// <summary>Reads the final response head, relaying interim 1xx; null when it is ready, else the outcome to return.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ExchangeOutcome?> ReadResponseHeadAsync(BackendModel backend, ServerLink link)
    {
        var sawBytes = false;
        _responseParser.Reset();
        while (true)
        {
            ReadResultStatus status;
            (status, sawBytes) = await ParseResponseHeadAsync(backend, link, sawBytes).ConfigureAwait(false);
            switch (status)
            {
                case ReadResultStatus.Closed when !sawBytes:
                    return await FailBeforeResponseAsync(backend, link, "server closed the connection without a response").ConfigureAwait(false);
                case ReadResultStatus.Closed:
                    return await BadGatewayAsync(backend, link, 502, "server closed in the middle of the response head").ConfigureAwait(false);
                case ReadResultStatus.TimedOut:
                    return await BadGatewayAsync(backend, link, 504, "timeout server while waiting for the response").ConfigureAwait(false);
                case ReadResultStatus.Error:
                    return ExchangeOutcome.Close;
            }

            if (!_response.IsInterim)
            {
                return null;
            }

            // 100 Continue, 103 Early Hints: relay as received, then wait for the final response.
            HttpHeadWriter.WriteResponse(_client.Output, _response, _responseEdits, null);
            await _client.Output.FlushAsync(_client.Abort).ConfigureAwait(false);
            _responseParser.Reset();
            sawBytes = false;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(ReadResultStatus, bool)> ParseResponseHeadAsync(BackendModel backend, ServerLink link, bool sawBytes)
    {
        while (true)
        {
            System.IO.Pipelines.ReadResult read;
            try
            {
                var token = _serverTimer.Start(backend.Config.Timeouts.Server);
                if (link.TryTakeIdleWait(out var idleWait))
                {
                    // A pooled connection's wait since it went idle: the response arrives on it. A timeout ends it by
                    // closing the socket (the connection is closed after a timeout anyway).
                    using (token.UnsafeRegister(static l => ((ServerLink)l!).Abort(), link))
                    {
                        await idleWait.ConfigureAwait(false);
                    }

                    link.DataWaiting();
                }

                read = await link.Input.ReadAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (_serverTimer.Expired && ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                return (ReadResultStatus.TimedOut, sawBytes);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                return (ReadResultStatus.Closed, sawBytes);
            }

            sawBytes |= !read.Buffer.IsEmpty;
            var result = _responseParser.Parse(read.Buffer, _response, Request.Method);
            if (result.IsComplete)
            {
                link.Input.AdvanceTo(result.Consumed);
                _log.ResponseHead = _client.Context.Time.GetTimestamp();
                _log.Status = _response.StatusCode;
                return (ReadResultStatus.Ready, sawBytes);
            }

            if (result.IsError)
            {
                link.Input.AdvanceTo(result.Consumed);
                await BadGatewayAsync(backend, link, 502, $"{RejectReasons.Code(result.Reason)}: {RejectReasons.Message(result.Reason)}").ConfigureAwait(false);
                return (ReadResultStatus.Error, sawBytes);
            }

            link.Input.AdvanceTo(result.Consumed, result.Examined);
            if (read.IsCompleted)
            {
                return (ReadResultStatus.Closed, sawBytes);
            }
        }
    }

    private async Task<ExchangeOutcome> TunnelAsync(BackendModel backend, ServerLink link)
    {
        if (!Request.IsUpgradeRequest)
        {
            return await BadGatewayAsync(backend, link, 502, "101 Switching Protocols to a request that asked for no upgrade").ConfigureAwait(false);
        }

        _client.CountResponse(101, backend);
        link.Connection.Server.State.Traffic.RequestAnswered(101);
        HttpHeadWriter.WriteResponse(_client.Output, _response, _responseEdits, "upgrade");
        await _client.Output.FlushAsync(_client.Abort).ConfigureAwait(false);
        var timeouts = backend.Timeouts with
        {
            Client = _client.FrontendTimeouts.Client,
            ClientFin = _client.FrontendTimeouts.ClientFin ?? _client.FrontendTimeouts.Client,
        };
        await UpgradedTunnel.RunAsync(_client, link, timeouts, requestBodyDone: Request.Framing == BodyFraming.None).ConfigureAwait(false);
        return ExchangeOutcome.Close;
    }

    private async Task<ExchangeOutcome> FailBeforeResponseAsync(BackendModel backend, ServerLink link, string reason)
    {
        // A reused connection the server had already closed: retry on a fresh one when replaying is safe.
        if (link.Connection.IsReused && Request.Framing == BodyFraming.None)
        {
            return ExchangeOutcome.RetryFresh;
        }

        return await BadGatewayAsync(backend, link, 502, reason).ConfigureAwait(false);
    }

    private async Task<ExchangeOutcome> BadGatewayAsync(BackendModel backend, ServerLink link, int status, string reason)
    {
        _log.Fail(status, status == 504 ? TerminationCause.ServerTimeout : TerminationCause.ProxyAbort, SessionPhase.Headers);
        ProxyLog.HttpResponseRejected(_client.Context.Logger, _client.Info.Client.ToString(), _client.Frontend.Name, backend.Name,
            link.Connection.Server.Name, status, reason);
        backend.Traffic.ResponseError();
        link.Connection.Server.State.Traffic.ResponseError();
        await _client.SendErrorAsync(status, backend).ConfigureAwait(false);
        return ExchangeOutcome.Close;
    }

    /// <summary>An http-response deny: HAProxy counts it on the frontend, the backend and the server (dresp).</summary>
    private void CountDeniedResponse(BackendModel backend, ServerModel server)
    {
        _client.Frontend.Traffic.ResponseDenied();
        backend.Traffic.ResponseDenied();
        server.State.Traffic.ResponseDenied();
    }

    private enum ReadResultStatus
    {
        Ready,
        Closed,
        TimedOut,
        Error,
    }
}
