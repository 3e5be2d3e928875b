namespace Appliance.ProxyCore.Tls;

/// <summary>What a certificate reload did.</summary>
public enum TlsReloadOutcome
{
    /// <summary>No file changed; nothing was reloaded.</summary>
    Unchanged,

    /// <summary>The files were read again and the new certificates serve every new handshake.</summary>
    Reloaded,

    /// <summary>A file could not be loaded; the previous certificates stay in use.</summary>
    Failed,
}
