namespace Appliance.ProxyCore.Forwarding.Tcp.Splice;

/// <summary>How one direction of a plain TCP tunnel moves its bytes.</summary>
public enum SpliceMode
{
    /// <summary>recv/send through a user-space buffer (the default, as in HAProxy).</summary>
    Off,

    /// <summary>
    /// Copy until a read fills the whole 16 KiB buffer (a bulk transfer), then splice (<c>option splice-auto</c>).
    /// </summary>
    Auto,

    /// <summary>Splice from the first byte (<c>option splice-request</c> / <c>splice-response</c>).</summary>
    Always,
}
