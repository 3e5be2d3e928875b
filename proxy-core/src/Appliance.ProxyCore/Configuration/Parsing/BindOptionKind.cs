namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>What the bind-option parser does with a known option.</summary>
internal enum BindOptionKind
{
    /// <summary>Interpreted into <see cref="BindTlsConfig"/>.</summary>
    Interpreted,

    /// <summary>Accepted and without effect here (socket tuning, stats socket rights, TLS knobs .NET does not expose).</summary>
    Ignored,

    /// <summary>Known to HAProxy but refused: accepting it would silently change what clients get.</summary>
    Unsupported,
}
