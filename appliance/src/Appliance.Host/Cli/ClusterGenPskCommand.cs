using System.CommandLine;
using System.Text;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.Host.Cli;

/// <summary><c>appliance cluster gen-psk --out FILE</c>: a new pre-shared key (32 random bytes, base64) written 0600.</summary>
internal static class ClusterGenPskCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<FileInfo>("--out") { Description = "The key file to create (mode 0600); never overwritten.", Required = true };
        var command = new Command("gen-psk", "Create a pre-shared key file for 'sync_psk_file' (same file on every node).") { output };
        command.SetAction(parse => ClusterCommand.Guard("gen-psk", stderr, () =>
        {
            var path = parse.GetValue(output)!.FullName;
            ClusterCommand.RefuseExisting(path);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(PreSharedKeySecurity.GenerateKeyText() + "\n"));
            }

            stdout.WriteLine($"pre-shared key written to {path} (mode 0600); copy it to every node (sync_psk_file)");
            return 0;
        }));
        return command;
    }
}
