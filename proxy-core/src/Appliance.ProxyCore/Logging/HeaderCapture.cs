using System.Text;

namespace Appliance.ProxyCore.Logging;

/// <summary>One <c>capture request header NAME len N</c> or <c>capture response header NAME len N</c> line.</summary>
/// <param name="Name">The header's name (matched case-insensitively).</param>
/// <param name="Length">The most bytes of the value kept; longer values are cut.</param>
public sealed record HeaderCapture(string Name, int Length)
{
    /// <summary>The name as ASCII bytes, for matching against a parsed head.</summary>
    public byte[] NameBytes { get; } = Encoding.ASCII.GetBytes(Name);
}
