using System.Runtime.CompilerServices;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The idle <see cref="HttpExchange"/>s of one frontend (HAProxy keeps its streams in pools the same way). A keep-alive
/// client connection holds an exchange (response parser and head, decoders, server timer, rule state) only while a
/// request is in flight and gives it back while it waits for the next one, so 10,000 idle connections do not keep
/// 10,000 exchanges. Bounded: beyond <see cref="Capacity"/> returned exchanges are dropped. Thread-safe.
/// </summary>
internal sealed class HttpExchangePool
{
    /// <summary>The most idle exchanges kept per frontend (a few KiB each).</summary>
    public const int Capacity = 1024;

    private static readonly ConditionalWeakTable<FrontendModel, HttpExchangePool> Pools = new();

    private readonly HttpExchange?[] _items = new HttpExchange?[Capacity];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>The pool of <paramref name="frontend"/> (it lives as long as the frontend's model: a reload starts new pools).</summary>
    public static HttpExchangePool Of(FrontendModel frontend) => Pools.GetValue(frontend, static _ => new HttpExchangePool());

    /// <summary>How many idle exchanges the pool holds.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>An idle exchange bound to <paramref name="client"/>, or a new one.</summary>
    public HttpExchange Rent(HttpClientConnection client)
    {
        HttpExchange? exchange = null;
        lock (_gate)
        {
            if (_count > 0)
            {
                exchange = _items[--_count];
                _items[_count] = null;
            }
        }

        if (exchange is null)
        {
            return new HttpExchange(client);
        }

        exchange.Bind(client);
        return exchange;
    }

    /// <summary>Takes back an exchange that finished cleanly (a keep-alive outcome); disposes it when the pool is full.</summary>
    public void Return(HttpExchange exchange)
    {
        exchange.Detach();
        lock (_gate)
        {
            if (_count < _items.Length)
            {
                _items[_count++] = exchange;
                return;
            }
        }

        exchange.Dispose();
    }
}
