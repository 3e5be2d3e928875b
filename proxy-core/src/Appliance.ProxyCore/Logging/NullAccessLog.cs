namespace Appliance.ProxyCore.Logging;

/// <summary>The access log when no <c>log</c> target is configured: disabled for every frontend, writes nothing.</summary>
public sealed class NullAccessLog : IAccessLog
{
    public static NullAccessLog Instance { get; } = new();

    private NullAccessLog()
    {
    }

    public bool IsEnabled(string frontend) => false;

    public HeaderCaptures CapturesOf(string frontend) => HeaderCaptures.None;

    public void Write(in HttpAccessRecord record)
    {
    }

    public void Write(in TcpAccessRecord record)
    {
    }
}
