namespace Appliance.ProxyCore.Tls;

/// <summary>
/// The certificates of one bind (its <c>crt</c> paths) and the means to reload them. The current
/// <see cref="CertificateSelector"/> is swapped atomically: a handshake that starts after a reload uses the new
/// certificates, one under way and every established connection keep the ones they started with. A reload that fails
/// keeps the previous certificates and reports why.
/// </summary>
public sealed class TlsCertificateStore
{
    private readonly CertificateLoader _loader;
    private readonly Lock _reloadGate = new();
    private Snapshot _current;

    private TlsCertificateStore(IReadOnlyList<string> paths, CertificateLoader loader, CertificateLoadResult loaded)
    {
        Paths = paths;
        _loader = loader;
        _current = new Snapshot(new CertificateSelector(loaded.Certificates), loaded.Stamps, loaded.Problems);
    }

    /// <summary>Loads the certificates of <paramref name="paths"/>; throws <see cref="TlsCertificateException"/> when any file fails.</summary>
    /// <param name="loader">Default: the real file system and clock.</param>
    public static TlsCertificateStore Load(IReadOnlyList<string> paths, CertificateLoader? loader = null)
    {
        loader ??= new CertificateLoader();
        var loaded = loader.Load(paths);
        return loaded.Succeeded ? new TlsCertificateStore(paths, loader, loaded) : throw new TlsCertificateException(loaded.Problems);
    }

    /// <summary>The <c>crt</c> paths, as configured.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The certificates serving new handshakes.</summary>
    public CertificateSelector Selector => Volatile.Read(ref _current).Selector;

    /// <summary>The warnings of the current certificates (e.g. expired).</summary>
    public IReadOnlyList<CertificateProblem> Warnings => Volatile.Read(ref _current).Warnings;

    /// <summary>
    /// True when a file or directory the current certificates came from changed: its content differs (a new
    /// modification time with the same content does not count), it appeared (a <c>FILE.key</c>), or it vanished.
    /// </summary>
    public bool HaveFilesChanged() => Volatile.Read(ref _current).Stamps.Any(_loader.HasChanged);

    /// <summary>Reloads only when <see cref="HaveFilesChanged"/>; the cheap call for a periodic check or a SIGHUP.</summary>
    public TlsReloadResult ReloadIfChanged() => HaveFilesChanged() ? Reload() : new TlsReloadResult(TlsReloadOutcome.Unchanged, []);

    /// <summary>Reads every file again and swaps the certificates in when all of them load; else keeps the current ones.</summary>
    public TlsReloadResult Reload()
    {
        lock (_reloadGate)
        {
            var loaded = _loader.Load(Paths);
            if (!loaded.Succeeded)
            {
                return new TlsReloadResult(TlsReloadOutcome.Failed, loaded.Problems);
            }

            // The old certificates are not disposed: handshakes under way may still use them. The GC frees them.
            Volatile.Write(ref _current, new Snapshot(new CertificateSelector(loaded.Certificates), loaded.Stamps, loaded.Problems));
            return new TlsReloadResult(TlsReloadOutcome.Reloaded, loaded.Problems);
        }
    }

    private sealed record Snapshot(CertificateSelector Selector, IReadOnlyList<FileStamp> Stamps, IReadOnlyList<CertificateProblem> Warnings);
}
