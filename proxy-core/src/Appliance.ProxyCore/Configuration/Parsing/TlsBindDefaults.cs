namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>The global settings every <c>ssl</c> bind starts from: <c>ssl-default-bind-*</c>, <c>crt-base</c>, <c>ca-base</c>.</summary>
internal sealed record TlsBindDefaults
{
    public static readonly TlsBindDefaults None = new();

    public TlsVersionSettings Versions { get; init; } = TlsVersionSettings.None;

    public bool NoTlsTickets { get; init; }

    public string? Ciphers { get; init; }

    public string? CipherSuites { get; init; }

    /// <summary><c>crt-base</c>: the directory of relative <c>crt</c> paths; null = relative to the working directory.</summary>
    public string? CrtBase { get; init; }

    /// <summary><c>ca-base</c>: the directory of relative <c>ca-file</c> paths.</summary>
    public string? CaBase { get; init; }
}
