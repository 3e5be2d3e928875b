namespace Appliance.ProxyCore.Tls;

/// <summary>What loading the <c>crt</c> paths of a bind produced.</summary>
/// <param name="Certificates">In load order: <c>crt</c> order, files of a directory by name; the first is the default.</param>
/// <param name="Problems">Errors (the file was skipped) and warnings (it was loaded).</param>
/// <param name="Stamps">Every file and directory read, to detect changes.</param>
public sealed record CertificateLoadResult(
    IReadOnlyList<ServerCertificate> Certificates,
    IReadOnlyList<CertificateProblem> Problems,
    IReadOnlyList<FileStamp> Stamps)
{
    /// <summary>True when every file loaded (warnings allowed) and there is at least one certificate.</summary>
    public bool Succeeded => Certificates.Count > 0 && !Problems.Any(p => p.IsError);
}
