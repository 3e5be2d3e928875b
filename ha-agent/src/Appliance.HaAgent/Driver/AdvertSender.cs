using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Driver;

/// <summary>
/// Encodes and sends adverts without allocating: one buffer, one <see cref="VrrpAdvertisement"/> per priority value
/// (built the first time that priority is sent), the checksum (RFC 5798 §5.2.8) and optional trailer written per
/// destination because both cover the destination address. Driver thread only.
/// </summary>
internal sealed class AdvertSender
{
    private readonly IVrrpTransport _transport;
    private readonly VrrpAuthCounter? _counter;
    private readonly VrrpAdvertisement?[] _byPriority = new VrrpAdvertisement?[256];
    private VrrpDriverOptions _options;
    private Net.Ipv4Address[] _addresses;
    private byte[] _buffer;
    private long _sent;
    private long _failed;

    public AdvertSender(VrrpDriverOptions options, IVrrpTransport transport, VrrpAuthCounter? counter)
    {
        _options = options;
        _transport = transport;
        _counter = counter;
        (_addresses, _buffer) = Layout(options);
    }

    /// <summary>Adverts handed to the transport without error (one per destination).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Adverts the transport refused (link down, no route).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// A reload: later adverts carry <paramref name="options"/>' interval and addresses and go to its destinations (the
    /// per-priority cache is dropped; the send counters and the authentication counter carry on).
    /// </summary>
    public void Reconfigure(VrrpDriverOptions options)
    {
        _options = options;
        (_addresses, _buffer) = Layout(options);
        Array.Clear(_byPriority);
    }

    /// <summary>Sends one advert with <paramref name="priority"/> to every destination; returns the last error, or null.</summary>
    public Exception? Send(byte priority)
    {
        var advert = _byPriority[priority] ??= new VrrpAdvertisement(
            _options.Instance.VirtualRouterId, priority, _options.Instance.AdvertisementIntervalCs, _addresses);
        Exception? error = null;
        var source = _transport.LocalAddress;
        foreach (var destination in _options.Destinations)
        {
            var length = _options.Authenticator is { } authenticator
                ? authenticator.Encode(_buffer, advert, _counter!.Next(), source, destination)
                : VrrpPacket.Encode(_buffer, advert, source, destination);
            try
            {
                var pending = _transport.SendAsync(_buffer.AsMemory(0, length), destination, CancellationToken.None);
                if (!pending.IsCompletedSuccessfully)
                {
                    pending.AsTask().GetAwaiter().GetResult();
                }

                Interlocked.Increment(ref _sent);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                Interlocked.Increment(ref _failed);
                error = e;
            }
        }

        return error;
    }

    private static (Net.Ipv4Address[] Addresses, byte[] Buffer) Layout(VrrpDriverOptions options)
    {
        Net.Ipv4Address[] addresses = [.. options.VirtualAddresses.Select(a => a.Address).Distinct()];
        return (addresses, new byte[VrrpPacket.GetLength(addresses.Length) + VrrpAuthenticator.TrailerLength]);
    }
}
