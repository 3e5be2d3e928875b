using Appliance.ProxyCore.Configuration.Parsing;
using Appliance.ProxyCore.Configuration.Validation;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Tls;

namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// Loads an HAProxy-syntax configuration: lexer, conditional blocks, section splitter, section parsers, the ACL and
/// HTTP rule compiler, then every validator. All problems are reported at once; the best-effort configuration is returned even when there are errors
/// (check <see cref="ConfigLoadResult.IsValid"/> before using it).
/// </summary>
public static class ConfigLoader
{
    /// <summary>Reads and loads <paramref name="path"/>; an unreadable file yields one error at line 0.</summary>
    /// <param name="registry">The balancing algorithms; default <see cref="LoadBalancingPolicyRegistry.Default"/>.</param>
    /// <param name="environment">Looks up environment variables; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="certificates">Reads the certificates of ssl binds; default the real file system and clock.</param>
    public static ConfigLoadResult LoadFile(
        string path, LoadBalancingPolicyRegistry? registry = null, Func<string, string?>? environment = null, CertificateLoader? certificates = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var diagnostic = new ConfigDiagnostic(new SourceLocation(path, 0), DiagnosticSeverity.Error, ConfigMessages.CannotReadFile(e.Message));
            return new ConfigLoadResult(null, [diagnostic]);
        }

        return LoadText(text, path, registry, environment, certificates);
    }

    /// <summary>Loads configuration text; <paramref name="fileName"/> is used in diagnostics.</summary>
    /// <param name="registry">The balancing algorithms; default <see cref="LoadBalancingPolicyRegistry.Default"/>.</param>
    /// <param name="environment">Looks up environment variables; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="certificates">Reads the certificates of ssl binds; default the real file system and clock.</param>
    public static ConfigLoadResult LoadText(
        string text, string fileName, LoadBalancingPolicyRegistry? registry = null, Func<string, string?>? environment = null, CertificateLoader? certificates = null)
    {
        var bag = new DiagnosticBag();
        var sections = ConfigReader.Read(text, fileName, environment ?? Environment.GetEnvironmentVariable, bag);
        var config = new SectionsParser(bag).Parse(sections);

        // ACLs and HTTP rules are compiled here so that a bad rule is reported with its line like any other error.
        config = Rules.HttpRulesCompiler.Compile(config, bag);
        config = Stats.StatsConfigCompiler.Compile(config, bag);
        config = StickTables.StickConfigCompiler.Compile(config, bag);
        foreach (var validator in ConfigValidators.Create(registry ?? LoadBalancingPolicyRegistry.Default, certificates))
        {
            validator.Validate(config, bag);
        }

        return new ConfigLoadResult(config, bag.ToSortedList());
    }
}
