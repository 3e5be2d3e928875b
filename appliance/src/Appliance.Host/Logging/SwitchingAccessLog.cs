using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Logging;

/// <summary>
/// The access log the engine holds for its whole life: it forwards to the access log of the configuration now applied,
/// which a reload swaps atomically. A line being written during the swap goes to the old one (its targets drain).
/// </summary>
internal sealed class SwitchingAccessLog(IAccessLog current) : IAccessLog
{
    private IAccessLog _current = current;

    /// <summary>The access log lines go to now.</summary>
    public IAccessLog Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public bool IsEnabled(string frontend) => Current.IsEnabled(frontend);

    public HeaderCaptures CapturesOf(string frontend) => Current.CapturesOf(frontend);

    public void Write(in HttpAccessRecord record) => Current.Write(record);

    public void Write(in TcpAccessRecord record) => Current.Write(record);
}
