using System.CommandLine;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.Host.Cli;

/// <summary><c>appliance cluster init-ca --out DIR [--name CLUSTER]</c>: a new cluster CA as <c>DIR/ca.pem</c> and <c>DIR/ca.key</c> (0600).</summary>
internal static class ClusterInitCaCommand
{
    public const string CertificateFile = "ca.pem";
    public const string KeyFile = "ca.key";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for ca.pem and ca.key (created 0700 when missing).", Required = true };
        var name = new Option<string>("--name")
        {
            Description = "The cluster's name in the CA's subject.",
            DefaultValueFactory = _ => "appliance",
        };
        var command = new Command("init-ca", "Create the cluster CA that issues the nodes' sync certificates.") { output, name };
        command.SetAction(parse => ClusterCommand.Guard("init-ca", stderr, () =>
        {
            var directory = CreateDirectory(parse.GetValue(output)!.FullName);
            var certificatePath = Path.Combine(directory, CertificateFile);
            var keyPath = Path.Combine(directory, KeyFile);
            ClusterCommand.RefuseExisting(keyPath);
            using var ca = ClusterCertificateAuthority.Create(parse.GetValue(name)!);
            ca.Save(certificatePath, keyPath);
            stdout.WriteLine($"cluster CA '{ca.Certificate.Subject}' valid until {ca.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
            stdout.WriteLine($"  {certificatePath}  copy to every node (sync_ca)");
            stdout.WriteLine($"  {keyPath}  mode 0600: keep it off the nodes; 'cluster issue-cert --ca {directory}' needs it");
            return 0;
        }));
        return command;
    }

    /// <summary>Creates <paramref name="path"/> owner-only when missing; returns its full path.</summary>
    public static string CreateDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return Path.GetFullPath(path);
    }
}
