namespace Appliance.ProxyCore.Tls;

/// <summary>The outcome of a reload and its problems: the errors that made it fail, or the warnings of the new certificates.</summary>
public sealed record TlsReloadResult(TlsReloadOutcome Outcome, IReadOnlyList<CertificateProblem> Problems);
