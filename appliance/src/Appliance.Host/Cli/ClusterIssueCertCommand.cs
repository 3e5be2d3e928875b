using System.CommandLine;
using System.Net;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.Host.Cli;

/// <summary>
/// <c>appliance cluster issue-cert NODE --ca DIR --out DIR [--address IP]...</c>: a node certificate from the cluster CA
/// as <c>DIR/NODE.pem</c> and <c>DIR/NODE.key</c> (0600).
/// </summary>
internal static class ClusterIssueCertCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var node = new Argument<string>("node") { Description = "The node's name: its 'node_name', as its peers list it in 'sync_peer'." };
        var ca = new Option<DirectoryInfo>("--ca") { Description = "The directory 'cluster init-ca' wrote (ca.pem and ca.key).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for NODE.pem and NODE.key (created 0700 when missing).", Required = true };
        var addresses = new Option<string[]>("--address")
        {
            Description = "An address of the node to put in the certificate (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("issue-cert", "Issue a node's sync certificate from the cluster CA.") { node, ca, output, addresses };
        command.SetAction(parse => ClusterCommand.Guard("issue-cert", stderr, () =>
        {
            var name = parse.GetValue(node)!;
            var ips = new List<IPAddress>();
            foreach (var text in parse.GetValue(addresses) ?? [])
            {
                if (!IPAddress.TryParse(text, out var address))
                {
                    throw new ArgumentException($"--address expects an IPv4 or IPv6 address (got '{text}')");
                }

                ips.Add(address);
            }

            var caDirectory = parse.GetValue(ca)!.FullName;
            using var authority = ClusterCertificateAuthority.Load(
                Path.Combine(caDirectory, ClusterInitCaCommand.CertificateFile), Path.Combine(caDirectory, ClusterInitCaCommand.KeyFile));
            var directory = ClusterInitCaCommand.CreateDirectory(parse.GetValue(output)!.FullName);
            var certificatePath = Path.Combine(directory, name + ".pem");
            var keyPath = Path.Combine(directory, name + ".key");
            ClusterCommand.RefuseExisting(keyPath);
            using var certificate = authority.IssueNodeCertificate(name, ips);
            CertificatePemFiles.Write(certificate, certificatePath, keyPath);
            stdout.WriteLine($"node certificate '{certificate.Subject}' valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
            stdout.WriteLine($"  {certificatePath}  (sync_cert)");
            stdout.WriteLine($"  {keyPath}  mode 0600 (sync_key)");
            return 0;
        }));
        return command;
    }
}
