using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Admin;

/// <summary>
/// The local admin socket: a unix stream socket created mode 0600 (root-only when the process runs as root), one
/// command line per connection, the answer, then close. Default path <see cref="DefaultPath"/>.
/// </summary>
internal sealed class AdminSocket : IAsyncDisposable
{
    /// <summary>/run/appliance/admin.sock: tmpfs, gone after a reboot, like HAProxy's /run/haproxy/admin.sock.</summary>
    public const string DefaultPath = "/run/appliance/admin.sock";

    private const int MaxCommandLength = 4096;

    private readonly Socket _socket;
    private readonly AdminCommandHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private AdminSocket(Socket socket, string path, AdminCommandHandler handler, ILogger logger)
    {
        _socket = socket;
        Path = path;
        _handler = handler;
        _logger = logger;
        _loop = AcceptLoopAsync();
    }

    public string Path { get; }

    /// <summary>
    /// Creates the socket (replacing a stale one left by a crash) and starts answering; null, with a warning, when
    /// another running node already answers on <paramref name="path"/> (several nodes on one machine need their own
    /// <c>--socket</c>).
    /// </summary>
    public static AdminSocket? TryStart(string path, AdminCommandHandler handler, ILogger logger)
    {
        try
        {
            return Start(path, handler, logger);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or SocketException or IOException)
        {
            // Typically a directory the node's user (global 'user') cannot write: say so rather than die after binding.
            logger.LogError("Admin socket {Path} cannot be created ({Error}): this node runs without one; its directory must be writable by user {User}", path, e.Message, Environment.UserName);
            return null;
        }
    }

    private static AdminSocket? Start(string path, AdminCommandHandler handler, ILogger logger)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            if (IsAlive(path))
            {
                logger.LogWarning("Admin socket {Path} is in use by another running node: this node runs without one (give it --socket PATH)", path);
                return null;
            }

            File.Delete(path);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        socket.Listen(16);
        return new AdminSocket(socket, path, handler, logger);
    }

    private static bool IsAlive(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        File.Delete(Path);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                await using var stream = new NetworkStream(client, ownsSocket: false);
                using var reader = new StreamReader(stream, Encoding.UTF8, false, MaxCommandLength, leaveOpen: true);
                var line = await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) ?? string.Empty;
                if (line.Length > MaxCommandLength)
                {
                    line = line[..MaxCommandLength];
                }

                // On the thread pool: with inline socket completions this continuation runs on an epoll thread, and a
                // command (a reload parses and stores a configuration) must not hold up the connections it serves.
                var answer = await Task.Run(() => _handler.HandleAsync(line)).ConfigureAwait(false);
                _logger.LogInformation("Admin command '{Command}': {Outcome}", line, answer.StartsWith(AdminCommandHandler.ErrorPrefix, StringComparison.Ordinal) ? "refused" : "done");
                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer + "\n\n"), _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
