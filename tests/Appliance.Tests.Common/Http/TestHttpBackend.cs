using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appliance.Tests.Common.Http;

/// <summary>
/// A real HTTP/1.1 server (Kestrel) on 127.0.0.1 for functional tests. Counts TCP connections and requests so a test can
/// prove that nothing reached it. Endpoints: <c>/</c> (its name), <c>/headers</c> (the request's header lines),
/// <c>/echo</c> (the request body back), <c>/login</c> (sets JSESSIONID=abc123), <c>/live/...</c> (its name; sets JSESSIONID when absent), <c>/status/N</c>, <c>/big/N</c> (N bytes), <c>/ws</c> (WebSocket echo).
/// </summary>
public sealed class TestHttpBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;
    private int _requests;

    private TestHttpBackend(string name)
    {
        Name = name;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => context =>
        {
            Interlocked.Increment(ref _connections);
            return next(context);
        })));
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            context.Response.Headers["X-Backend"] = Name;
            await next(context);
        });
        _app.MapGet("/", () => Name);
        _app.MapGet("/headers", (HttpRequest request) =>
            string.Join('\n', request.Headers.SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}"))));
        _app.MapPost("/echo", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Request.Body.CopyToAsync(context.Response.Body);
        });
        _app.MapGet("/login", (HttpContext context) =>
        {
            context.Response.Headers.Append("Set-Cookie", "JSESSIONID=abc123; Path=/");
            return Name;
        });
        _app.MapGet("/live/{**rest}", (HttpContext context) =>
        {
            // Like a media server: a session cookie for a client that has none.
            if (!context.Request.Cookies.ContainsKey("JSESSIONID"))
            {
                context.Response.Headers.Append("Set-Cookie", "JSESSIONID=abc123; Path=/");
            }

            return Name;
        });
        _app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        _app.MapMethods("/big/{size:int}", ["GET", "HEAD"], (int size) => Results.Bytes(new byte[size]));
        _app.Map("/ws", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                var text = Name + ":" + Encoding.UTF8.GetString(buffer, 0, received.Count);
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        });
    }

    public string Name { get; }

    public int Port { get; private set; }

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>HTTP requests handled so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<TestHttpBackend> StartAsync(string name)
    {
        var backend = new TestHttpBackend(name);
        await backend._app.StartAsync();
        var address = backend._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        backend.Port = new Uri(address).Port;
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
