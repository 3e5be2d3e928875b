namespace Appliance.ProxyCore.Tls;

/// <summary>
/// Picks the certificate for a TLS server name (SNI), as HAProxy does: an exact name first, then a wildcard
/// (<c>*.example.com</c> matches exactly one label: <c>a.example.com</c>, not <c>example.com</c> nor
/// <c>a.b.example.com</c>), case-insensitively. When two certificates carry the same name the first loaded wins.
/// Immutable: a reload builds a new selector and swaps it.
/// </summary>
public sealed class CertificateSelector
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _wildcard = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wildcardLookup;

    /// <param name="certificates">In load order; the first is the default. Must not be empty.</param>
    public CertificateSelector(IReadOnlyList<ServerCertificate> certificates)
    {
        ArgumentOutOfRangeException.ThrowIfZero(certificates.Count);
        Certificates = certificates;
        for (var i = 0; i < certificates.Count; i++)
        {
            foreach (var name in certificates[i].Names)
            {
                if (name.StartsWith("*.", StringComparison.Ordinal))
                {
                    _wildcard.TryAdd(name[2..], i);
                }
                else
                {
                    _exact.TryAdd(name, i);
                }
            }
        }

        // Span lookups: choosing a certificate allocates nothing per handshake.
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcardLookup = _wildcard.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<ServerCertificate> Certificates { get; }

    /// <summary>The first certificate of the bind line: HAProxy's answer when there is no SNI or no name matches.</summary>
    public ServerCertificate Default => Certificates[0];

    /// <summary>The index in <see cref="Certificates"/> of the certificate for <paramref name="serverName"/>; -1 when none matches.</summary>
    public int FindIndex(ReadOnlySpan<char> serverName)
    {
        // A fully qualified name may end with the root's empty label ("a.test."); certificates never do.
        if (serverName.EndsWith("."))
        {
            serverName = serverName[..^1];
        }

        if (serverName.IsEmpty)
        {
            return -1;
        }

        if (_exactLookup.TryGetValue(serverName, out var index))
        {
            return index;
        }

        var dot = serverName.IndexOf('.');
        return dot > 0 && _wildcardLookup.TryGetValue(serverName[(dot + 1)..], out index) ? index : -1;
    }

    /// <summary>The certificate for <paramref name="serverName"/>: a match, else <see cref="Default"/> unless <paramref name="strictSni"/> (then null).</summary>
    public ServerCertificate? Select(string? serverName, bool strictSni)
    {
        var index = FindIndex(serverName);
        return index >= 0 ? Certificates[index] : strictSni ? null : Default;
    }
}
