using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// Optional peer discovery (docs/ha.md "Peer discovery"): announces this node as <c>NODE._appliance._tcp.local</c> with TXT
/// <c>cluster</c>, <c>node</c> and <c>sync</c> (<see cref="MdnsResponder"/>) and browses for the other nodes of the same
/// cluster (<see cref="MdnsBrowser"/>). The thin loop around the pure logic: a receive loop decodes datagrams into a
/// queue; one pump task owns the responder and the browser, feeds them messages and the time from the injected
/// <see cref="TimeProvider"/>, sends what they return and raises the peer events, in order, on its own task. A stop
/// sends the goodbye (TTL 0) before the socket closes.
/// </summary>
public sealed class DiscoveryService : IAsyncDisposable
{
    // The pump re-checks its state at least this often even when nothing is scheduled.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(2);

    private readonly DiscoveryOptions _options;
    private readonly IMdnsTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MdnsResponder _responder;
    private readonly MdnsBrowser _browser;
    private readonly Channel<(DnsMessage Message, IPEndPoint Source)> _inbox =
        Channel.CreateUnbounded<(DnsMessage, IPEndPoint)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, DiscoveryPeer> _peerMap = new(StringComparer.Ordinal);
    private readonly long _origin;
    private IReadOnlyList<DiscoveryPeer> _peers = [];
    private string _instance;
    private Task? _pump;
    private Task? _receive;
    private long _sendFailures;
    private int _stopped;

    /// <summary>Creates the service on <paramref name="transport"/>; nothing is sent until <see cref="StartAsync"/>.</summary>
    public DiscoveryService(DiscoveryOptions options, IMdnsTransport transport, TimeProvider time, Random random, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _options = options;
        _transport = transport;
        _time = time;
        _logger = logger;
        _origin = time.GetTimestamp();
        var registration = options.ToRegistration([.. transport.LocalAddresses.Select(a => a.Address)]);
        _responder = new MdnsResponder(registration, random, options.Announcements);
        _browser = new MdnsBrowser(registration.ServiceName, random, options.MaxQueryInterval);
        _instance = _responder.InstanceLabel;
    }

    /// <summary>Raised on the service's task when a peer of our cluster is resolved.</summary>
    public event EventHandler<DiscoveryPeer>? PeerFound;

    /// <summary>Raised when a known peer's addresses, port or TXT change.</summary>
    public event EventHandler<DiscoveryPeer>? PeerUpdated;

    /// <summary>Raised when a peer said goodbye or its records expired; the argument is its last known value.</summary>
    public event EventHandler<DiscoveryPeer>? PeerLost;

    /// <summary>The peers now, sorted by node name; a snapshot, safe from any thread.</summary>
    public IReadOnlyList<DiscoveryPeer> Peers => Volatile.Read(ref _peers);

    /// <summary>Our instance label now: the node name, or a renamed one after a conflict (<c>lb1 (2)</c>).</summary>
    public string InstanceName => Volatile.Read(ref _instance);

    /// <summary>Completes when our probing is done and the first announcement went out.</summary>
    public Task Announced => _announced.Task;

    /// <summary>Opens UDP 5353 on the options' interface (on the calling thread: see <see cref="MdnsUdpTransport"/>) and creates the service.</summary>
    public static DiscoveryService Open(DiscoveryOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DiscoveryService(options, MdnsUdpTransport.Open(options.Interface), time, Random.Shared, logger);
    }

    /// <summary>Starts probing, announcing and browsing.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_pump is not null)
        {
            throw new InvalidOperationException("discovery is already started");
        }

        _receive = Task.Run(ReceiveAsync, cancellationToken);
        _pump = Task.Run(PumpAsync, cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>Sends the goodbye and stops; safe to call more than once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _pump is null)
        {
            return;
        }

        await _stop.CancelAsync();
        await _pump.WaitAsync(cancellationToken);
        await _receive!.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _transport.DisposeAsync();
        _stop.Dispose();
    }

    private TimeSpan Now() => _time.GetElapsedTime(_origin);

    private async Task ReceiveAsync()
    {
        var token = _stop.Token;
        var buffer = new byte[MdnsConstants.MaxMessageLength];
        while (!token.IsCancellationRequested)
        {
            MdnsDatagram datagram;
            try
            {
                datagram = await _transport.ReceiveAsync(buffer, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                DiscoveryLog.Dropped(_logger, "the socket", e.Message);
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DiscoveryLog.ReceiveFailed(_logger, e);
                return;
            }

            if (!OnLinkFilter.IsOnLink(datagram.Source.Address, _transport.LocalAddresses))
            {
                DiscoveryLog.Dropped(_logger, datagram.Source.ToString(), "not on the link (RFC 6762 §11)");
            }
            else if (!DnsMessageReader.TryRead(buffer.AsSpan(0, datagram.Length), out var message, out var error))
            {
                DiscoveryLog.Dropped(_logger, datagram.Source.ToString(), error);
            }
            else
            {
                _inbox.Writer.TryWrite((message!, datagram.Source));
            }
        }
    }

    private async Task PumpAsync()
    {
        var token = _stop.Token;
        try
        {
            await SendAsync(_responder.Start(Now()));
            await ApplyAsync(_browser.Start(Now()));
            while (!token.IsCancellationRequested)
            {
                await WaitAsync(token);
                while (!token.IsCancellationRequested && _inbox.Reader.TryRead(out var item))
                {
                    var now = Now();
                    await SendAsync(_responder.OnMessage(item.Message, item.Source, now));
                    await ApplyAsync(_browser.OnMessage(item.Message, item.Source, now));
                }

                var at = Now();
                if (_responder.NextDeadline <= at)
                {
                    await SendAsync(_responder.OnTimer(at));
                }

                if (_browser.NextDeadline <= at)
                {
                    await ApplyAsync(_browser.OnTimer(at));
                }

                Observe();
            }
        }
        finally
        {
            using var timeout = new CancellationTokenSource(GoodbyeTimeout, _time);
            await SendAsync(_responder.Stop(Now()), timeout.Token);
            DiscoveryLog.Stopped(_logger, _responder.InstanceName.ToString());
        }
    }

    private async Task WaitAsync(CancellationToken token)
    {
        var deadline = Min(_responder.NextDeadline, _browser.NextDeadline);
        var wait = deadline is { } d ? d - Now() : MaxWait;
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(wait < MaxWait ? wait : MaxWait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
        try
        {
            await _inbox.Reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The deadline came, or the service is stopping: the caller looks at which.
        }
    }

    /// <summary>Publishes the responder's progress: the first announcement, and any rename after a conflict.</summary>
    private void Observe()
    {
        if (_responder.InstanceLabel != _instance)
        {
            Volatile.Write(ref _instance, _responder.InstanceLabel);
            DiscoveryLog.Renamed(_logger, _responder.InstanceName.ToString(), _responder.HostName.ToString());
        }

        if (_responder.State is ResponderState.Announcing or ResponderState.Announced && _announced.TrySetResult())
        {
            DiscoveryLog.Announced(_logger, _responder.InstanceName.ToString(), _options.Interface, string.Join(',', _transport.LocalAddresses.Select(a => a.Address)));
        }
    }

    private async Task SendAsync(IReadOnlyList<MdnsOutgoing> sends, CancellationToken cancellationToken = default)
    {
        foreach (var send in sends)
        {
            try
            {
                await _transport.SendAsync(DnsMessageWriter.Write(send.Message), send.Destination, cancellationToken);
                if (_sendFailures > 0)
                {
                    DiscoveryLog.SendRecovered(_logger, _sendFailures);
                    _sendFailures = 0;
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                if (_sendFailures++ == 0)
                {
                    DiscoveryLog.SendFailing(_logger, e.Message);
                }
            }
        }
    }

    private async Task ApplyAsync(BrowserStep step)
    {
        await SendAsync(step.Sends);
        foreach (var change in step.Events)
        {
            var peer = DiscoveryPeer.FromService(change.Service);
            var ours = change.Service.Instance != _responder.InstanceLabel && peer.ClusterId == _options.ClusterId;
            var known = _peerMap.ContainsKey(peer.Instance);
            if (change.Kind == ServiceEventKind.Lost || !ours)
            {
                if (!ours && change.Kind != ServiceEventKind.Lost && change.Service.Instance != _responder.InstanceLabel)
                {
                    DiscoveryLog.OtherCluster(_logger, peer.Instance, peer.ClusterId);
                }

                if (known && _peerMap.Remove(peer.Instance, out var last))
                {
                    Publish();
                    DiscoveryLog.PeerLost(_logger, last);
                    Raise(PeerLost, last, nameof(PeerLost));
                }

                continue;
            }

            _peerMap[peer.Instance] = peer;
            Publish();
            if (known)
            {
                DiscoveryLog.PeerUpdated(_logger, peer);
                Raise(PeerUpdated, peer, nameof(PeerUpdated));
            }
            else
            {
                DiscoveryLog.PeerFound(_logger, peer);
                Raise(PeerFound, peer, nameof(PeerFound));
            }
        }
    }

    private void Publish() =>
        Volatile.Write(ref _peers, [.. _peerMap.Values.OrderBy(p => p.NodeName, StringComparer.Ordinal).ThenBy(p => p.Instance, StringComparer.Ordinal)]);

    private void Raise(EventHandler<DiscoveryPeer>? handler, DiscoveryPeer peer, string name)
    {
        try
        {
            handler?.Invoke(this, peer);
        }
        catch (Exception e)
        {
            DiscoveryLog.HandlerFailed(_logger, name, e);
        }
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
