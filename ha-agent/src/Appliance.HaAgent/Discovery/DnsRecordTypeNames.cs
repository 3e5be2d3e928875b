using System.Globalization;

namespace Appliance.HaAgent.Discovery;

/// <summary>Record types as DNS writes them: the mnemonic in capitals, or <c>TYPEnnn</c> for others (RFC 3597 §5).</summary>
public static class DnsRecordTypeNames
{
    public static string Mnemonic(this DnsRecordType type) =>
        Enum.IsDefined(type) ? type.ToString().ToUpperInvariant() : string.Create(CultureInfo.InvariantCulture, $"TYPE{(ushort)type}");
}
