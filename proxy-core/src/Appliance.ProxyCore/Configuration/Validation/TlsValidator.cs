using Appliance.ProxyCore.Tls;

namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// Loads every certificate and ca-file of every <c>ssl</c> bind, as <c>haproxy -c</c> does, so that a missing file, a
/// PEM without its key or a key matching no certificate is a configuration error naming the file; an expired
/// certificate is a warning. Also warns when a cipher list cannot be applied. TLS in a <c>mode tcp</c> frontend is
/// valid (TLS offload in front of a TCP service). Each file is read once however many binds name it.
/// </summary>
public sealed class TlsValidator(CertificateLoader loader) : IConfigValidator
{
    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        var loaded = new Dictionary<string, IReadOnlyList<CertificateProblem>>(StringComparer.Ordinal);
        var caFiles = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var proxy in config.Frontends)
        {
            var where = ConfigMessages.InSection(proxy.Kind, proxy.Name);
            foreach (var bind in proxy.Binds)
            {
                if (bind.Tls is not { } tls)
                {
                    continue;
                }

                foreach (var path in tls.Certificates)
                {
                    if (!loaded.TryGetValue(path, out var problems))
                    {
                        problems = loader.Load([path]).Problems;
                        loaded[path] = problems;
                    }

                    foreach (var problem in problems)
                    {
                        if (problem.IsError)
                        {
                            bag.Error(bind.Location, ConfigMessages.CannotLoadCertificate(where, problem.Path, problem.Message));
                        }
                        else
                        {
                            bag.Warning(bind.Location, ConfigMessages.CertificateWarning(where, problem.Path, problem.Message));
                        }
                    }
                }

                if (tls.Verify != ClientCertificateMode.None && tls.CaFile is { } caFile)
                {
                    if (!caFiles.TryGetValue(caFile, out var error))
                    {
                        loader.LoadCaFile(caFile, out error);
                        caFiles[caFile] = error;
                    }

                    if (error is not null)
                    {
                        bag.Error(bind.Location, ConfigMessages.CannotLoadCaFile(where, caFile, error));
                    }
                }

                CheckCiphers(tls, where, bind.Location, bag);
            }
        }
    }

    private static void CheckCiphers(BindTlsConfig tls, string where, SourceLocation location, DiagnosticBag bag)
    {
        foreach (var (option, list, tls13) in new[] { ("ciphers", tls.Ciphers, false), ("ciphersuites", tls.CipherSuites, true) })
        {
            if (list is null)
            {
                continue;
            }

            string? problem = null;
            if (!CipherSuiteMapper.PlatformSupportsPolicy)
            {
                problem = ConfigMessages.CiphersNotSupportedOnPlatform();
            }
            else if (tls13)
            {
                CipherSuiteMapper.MapCipherSuites(list, out problem);
            }
            else
            {
                CipherSuiteMapper.MapCiphers(list, out problem);
            }

            if (problem is not null)
            {
                bag.Warning(location, ConfigMessages.CiphersIgnored(option, where, problem));
            }
        }
    }
}
