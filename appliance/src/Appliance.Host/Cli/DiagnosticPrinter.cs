using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Cli;

/// <summary>Prints diagnostics as <c>FILE:LINE: error|warning: MESSAGE</c>, in the order the loader found them (file order).</summary>
internal static class DiagnosticPrinter
{
    public static void Print(IEnumerable<ConfigDiagnostic> diagnostics, TextWriter writer)
    {
        foreach (var diagnostic in diagnostics)
        {
            writer.WriteLine(diagnostic.ToString());
        }
    }
}
