namespace Appliance.ProxyCore.Acl;

#pragma warning disable CA1720 // The names are HAProxy's own (-m int, sample types integer and string).

/// <summary>The type of a fetched value; it picks a fetch's default matching method.</summary>
public enum SampleType
{
    /// <summary>Matched with <c>-m bool</c> by default.</summary>
    Boolean,

    /// <summary>Matched with <c>-m int</c> by default.</summary>
    Integer,

    /// <summary>Matched with <c>-m ip</c> by default.</summary>
    Address,

    /// <summary>Matched with <c>-m str</c> by default.</summary>
    String,
}
