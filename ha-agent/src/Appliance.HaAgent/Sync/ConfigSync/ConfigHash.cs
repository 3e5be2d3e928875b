using System.Security.Cryptography;
using System.Text;

namespace Appliance.HaAgent.Sync.ConfigSync;

/// <summary>The hash that identifies a shared configuration text (Contracts' <c>RunningConfig.Sha256</c>).</summary>
public static class ConfigHash
{
    /// <summary>SHA-256 of <paramref name="sharedText"/> as UTF-8, lower-case hex.</summary>
    public static string Compute(string sharedText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sharedText)));
}
