using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Linux;

/// <summary>
/// <see cref="IVipManager"/> over rtnetlink: the same requests `ip addr add|del` sends, without forking a process on the
/// advert thread. Adding is create-or-replace and removing treats "not there" as done, so both are idempotent; after
/// each change the interface's addresses are dumped and the result verified, and a mismatch throws. Calls complete
/// synchronously (the returned tasks are already finished), so the exit paths can use them from any thread.
/// </summary>
public sealed class NetlinkVipManager : IVipManager
{
    /// <inheritdoc />
    public Task AddAsync(IReadOnlyList<InterfaceAddress> addresses, CancellationToken cancellationToken)
    {
        try
        {
            Change(addresses, add: true);
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(IReadOnlyList<InterfaceAddress> addresses, CancellationToken cancellationToken)
    {
        try
        {
            Change(addresses, add: false);
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    /// <inheritdoc />
    public Task<Ipv4Address?> GetPrimaryAddressAsync(string device, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = RtNetlink.GetAddresses(LibC.InterfaceIndex(device));
            Ipv4Address? primary = addresses.FindIndex(a => !a.Secondary) is var i and >= 0 ? addresses[i].Address : null;
            return Task.FromResult(primary);
        }
        catch (Exception e)
        {
            return Task.FromException<Ipv4Address?>(e);
        }
    }

    /// <summary>True when <paramref name="address"/> is configured on its device now.</summary>
    public static bool IsPresent(InterfaceAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return RtNetlink.GetAddresses(LibC.InterfaceIndex(address.Device)).Exists(a => a.Address == address.Address);
    }

    private static void Change(IReadOnlyList<InterfaceAddress> addresses, bool add)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            var index = LibC.InterfaceIndex(address.Device);
            var error = RtNetlink.ChangeAddress(add, index, address.Address, address.PrefixLength);
            if (error != 0 && !(error == RtNetlink.EAddrNotAvail && !add))
            {
                throw new InvalidOperationException(
                    $"{(add ? "adding" : "removing")} {address} failed: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(error)}");
            }

            var present = RtNetlink.GetAddresses(index).Exists(a => a.Address == address.Address && (!add || a.PrefixLength == address.PrefixLength));
            if (present != add)
            {
                throw new InvalidOperationException(
                    $"{(add ? "added" : "removed")} {address}, but the kernel's address list {(add ? "lacks" : "still has")} it");
            }
        }
    }
}
