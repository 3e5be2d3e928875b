namespace Appliance.ProxyCore.Forwarding.Tcp.Splice;

/// <summary>
/// Which directions of a tunnel splice, from the <c>option splice-*</c> of its frontend and its backend: as in HAProxy an
/// option set on either side applies (<c>(fe->options2 | be->options2) &amp; PR_O2_SPLIC_*</c> in stream.c).
/// <c>splice-request</c> / <c>splice-response</c> splice their direction always; <c>splice-auto</c> splices both once
/// they carry bulk data. The default splices nothing.
/// </summary>
/// <param name="Request">Client to server.</param>
/// <param name="Response">Server to client.</param>
public readonly record struct SplicePolicy(SpliceMode Request, SpliceMode Response)
{
    public const string AutoOption = "splice-auto";
    public const string RequestOption = "splice-request";
    public const string ResponseOption = "splice-response";

    /// <summary>Both directions copy.</summary>
    public static SplicePolicy Off => default;

    /// <summary>True when some direction may splice.</summary>
    public bool Any => Request != SpliceMode.Off || Response != SpliceMode.Off;

    public static SplicePolicy From(IReadOnlySet<string> frontendOptions, IReadOnlySet<string> backendOptions)
    {
        var auto = frontendOptions.Contains(AutoOption) || backendOptions.Contains(AutoOption);
        var fallback = auto ? SpliceMode.Auto : SpliceMode.Off;
        return new(
            frontendOptions.Contains(RequestOption) || backendOptions.Contains(RequestOption) ? SpliceMode.Always : fallback,
            frontendOptions.Contains(ResponseOption) || backendOptions.Contains(ResponseOption) ? SpliceMode.Always : fallback);
    }
}
