using System.Buffers;
using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Serves a request that <see cref="RequestRouting"/> gave to a built-in service (the stats page or the Prometheus
/// exporter): reads an admin form body when there is one, asks <see cref="StatsService"/>, writes the answer and counts
/// it like any response. The connection stays open when the request body was consumed.
/// </summary>
internal static class StatsExchange
{
    /// <summary>Returns true when the connection may carry another request.</summary>
    public static async Task<bool> ServeAsync(HttpClientConnection client, RequestRouting routing, StatsTarget target, BackendModel? backend)
    {
        var request = client.Request;
        var service = client.Context.Stats;
        var bodyConsumed = request.Framing == BodyFraming.None;
        StatsResponse response;
        if (target.Kind == StatsTargetKind.Prometheus)
        {
            response = service.HandlePrometheus();
        }
        else
        {
            var stats = target.Proxy.Stats!;
            string? form = null;
            if (request.Method == HttpMethodKind.Post && request.Framing == BodyFraming.ContentLength && request.ContentLength <= StatsService.MaxFormBytes)
            {
                form = await ReadFormAsync(client, request.ContentLength).ConfigureAwait(false);
                bodyConsumed = form is not null;
            }

            var message = routing.Message;
            var http = new StatsHttpRequest(
                message.Method.ToString(),
                StatsUri.PathOf(message.Url).ToString(),
                request.GetHeaderString("Authorization"),
                stats.Admin?.Evaluate(routing.Transaction.Samples) == true,
                form);
            response = service.HandlePage(stats, http);
        }

        client.CountResponse(response.Status, backend);
        var keepAlive = bodyConsumed && !request.MustClose && !client.CloseForStop();
        var bytes = response.ToBytes(keepAlive, withBody: request.Method != HttpMethodKind.Head);
        if (!keepAlive)
        {
            await client.SendAndCloseAsync(bytes).ConfigureAwait(false);
            return false;
        }

        await client.Output.WriteAsync(bytes, client.Abort).ConfigureAwait(false);
        return true;
    }

    /// <summary>Reads a Content-Length body within <c>timeout client</c>; null when it did not arrive whole.</summary>
    private static async Task<string?> ReadFormAsync(HttpClientConnection client, long length)
    {
        try
        {
            while (true)
            {
                var read = await client.Input.ReadAsync(client.ClientTimer.Start(client.FrontendTimeouts.Client)).ConfigureAwait(false);
                if (read.Buffer.Length >= length)
                {
                    var body = read.Buffer.Slice(0, length);
                    var text = Encoding.UTF8.GetString(body.ToArray());
                    client.Input.AdvanceTo(body.End);
                    return text;
                }

                client.Input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                if (read.IsCompleted)
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException) when (client.ClientTimer.Expired)
        {
            return null;
        }
    }
}
