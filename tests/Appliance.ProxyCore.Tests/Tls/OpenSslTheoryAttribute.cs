namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>An interop theory that runs the <c>openssl</c> command line-buffered by <c>stdbuf</c>; skipped where either is missing.</summary>
public sealed class OpenSslTheoryAttribute : TheoryAttribute
{
    public OpenSslTheoryAttribute()
    {
        if (OpenSslClient.Executable is null || OpenSslClient.LineBuffer is null)
        {
            Skip = "openssl or stdbuf is not on the PATH";
        }
    }
}
