namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>An interop fact that runs the <c>openssl</c> command; skipped where it is not installed.</summary>
public sealed class OpenSslFactAttribute : FactAttribute
{
    public OpenSslFactAttribute()
    {
        if (OpenSslClient.Executable is null)
        {
            Skip = "openssl is not on the PATH";
        }
    }
}
