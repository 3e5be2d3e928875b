namespace Appliance.Tests.Common.Http;

/// <summary>
/// One malformed request of <see cref="MalformedRequestCorpus"/>: its raw bytes, the status a strict proxy answers,
/// and the short code of the reason (the codes of Appliance.ProxyCore's RejectReasons table).
/// </summary>
public sealed record MalformedRequest(string Name, byte[] Raw, int ExpectedStatus, string ExpectedReason, MalformedPart Part)
{
    /// <summary>The bytes as text with CR, LF and other non-printables escaped, for failure messages.</summary>
    public string Escaped => MalformedRequestCorpus.Escape(Raw);

    public override string ToString() => Name;
}
