namespace Appliance.ProxyCore.Tls;

/// <summary>A certificate file that could not be loaded (an error) or that loaded with a caveat (a warning).</summary>
/// <param name="Path">The file (inside a <c>crt</c> directory, the file itself).</param>
/// <param name="Message">Why, completing "cannot load certificate 'PATH': ..." for an error.</param>
public sealed record CertificateProblem(string Path, string Message, bool IsError)
{
    public override string ToString() => IsError ? $"cannot load certificate '{Path}': {Message}" : $"certificate '{Path}': {Message}";
}
