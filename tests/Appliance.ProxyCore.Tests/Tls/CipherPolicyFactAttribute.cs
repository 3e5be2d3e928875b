using Appliance.ProxyCore.Tls;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>A fact that needs <see cref="System.Net.Security.CipherSuitesPolicy"/>, which Windows does not support.</summary>
public sealed class CipherPolicyFactAttribute : FactAttribute
{
    public CipherPolicyFactAttribute()
    {
        if (!CipherSuiteMapper.PlatformSupportsPolicy)
        {
            Skip = "this OS does not let an application choose cipher suites (CipherSuitesPolicy throws on Windows)";
        }
    }
}
