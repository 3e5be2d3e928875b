namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>How copying a message body ended.</summary>
public enum BodyCopyStatus
{
    /// <summary>The whole body was forwarded.</summary>
    Complete,

    /// <summary>The sender closed before the body was complete.</summary>
    Truncated,

    /// <summary>The body violated its framing (a malformed chunk); see the reject reason.</summary>
    Malformed,

    /// <summary>The sender stayed silent past its timeout.</summary>
    TimedOut,

    /// <summary>The receiver went away.</summary>
    TargetClosed,
}
