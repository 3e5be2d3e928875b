namespace Appliance.ProxyCore.Tls;

/// <summary>Certificates or a CA file could not be loaded when a TLS bind was set up (the configuration check normally catches this first).</summary>
public sealed class TlsCertificateException : Exception
{
    public TlsCertificateException(IReadOnlyList<CertificateProblem> problems)
        : base(string.Join("; ", problems.Where(p => p.IsError)))
    {
        Problems = problems;
    }

    public TlsCertificateException(string message)
        : base(message)
    {
        Problems = [];
    }

    public TlsCertificateException()
        : this("certificates could not be loaded")
    {
    }

    public TlsCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<CertificateProblem> Problems { get; }
}
