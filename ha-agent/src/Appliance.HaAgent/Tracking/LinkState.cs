namespace Appliance.HaAgent.Tracking;

/// <summary>
/// A Linux interface's link state from sysfs (Documentation/ABI/testing/sysfs-class-net): up when
/// <c>operstate</c> is <c>up</c> (or <c>unknown</c>, which drivers without operstate support report, e.g. loopback)
/// and <c>carrier</c> is 1.
/// </summary>
public static class LinkState
{
    /// <summary>True when <paramref name="device"/> exists, is up and has carrier.</summary>
    public static bool IsUp(string device)
    {
        var directory = $"/sys/class/net/{device}";
        try
        {
            var operstate = File.ReadAllText($"{directory}/operstate").Trim();
            if (operstate is not ("up" or "unknown"))
            {
                return false;
            }

            // Reading carrier fails with EINVAL while the interface is administratively down.
            return File.ReadAllText($"{directory}/carrier").Trim() == "1";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
