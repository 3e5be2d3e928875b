namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>What this stage does with a known keyword.</summary>
internal enum KeywordHandling
{
    /// <summary>Parsed into the configuration records now.</summary>
    Parsed,

    /// <summary>Accepted and kept verbatim in <c>DeferredLines</c> for a later stage to apply.</summary>
    Deferred,
}
