namespace Appliance.ProxyCore.Logging;

/// <summary>The fields tcplog and httplog share, written the same way by both formatters.</summary>
internal static class LogFields
{
    /// <summary><c>%ft %b/%s</c>: the frontend with <c>~</c> after a TLS bind, the backend (the frontend when none) and the server or <c>&lt;NOSRV&gt;</c>.</summary>
    public static void FrontendBackendServer(ref LogLineWriter w, string frontend, bool tls, string? backend, string? server)
    {
        w.Text(frontend);
        if (tls)
        {
            w.Byte((byte)'~');
        }

        w.Byte((byte)' ');
        w.Text(backend ?? frontend);
        w.Byte((byte)'/');
        if (server is null)
        {
            w.Literal("<NOSRV>"u8);
        }
        else
        {
            w.Text(server);
        }
    }

    /// <summary>A captured cookie or <c>-</c> when none (configuration manual 8.7).</summary>
    public static void Capture(ref LogLineWriter w, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            w.Byte((byte)'-');
        }
        else
        {
            w.Text(value);
        }
    }

    public static void Termination(ref LogLineWriter w, TerminationState state, bool http)
    {
        Span<byte> chars = stackalloc byte[4];
        w.Literal(chars[..state.WriteTo(chars, http)]);
    }

    /// <summary><c>%ac/%fc/%bc/%sc/%rc</c>, the retries prefixed with <c>+</c> after a redispatch (manual 8.2.2).</summary>
    public static void Counters(ref LogLineWriter w, int active, int frontend, int backend, int server, int retries, bool redispatched)
    {
        w.Number(active);
        w.Byte((byte)'/');
        w.Number(frontend);
        w.Byte((byte)'/');
        w.Number(backend);
        w.Byte((byte)'/');
        w.Number(server);
        w.Byte((byte)'/');
        if (redispatched)
        {
            w.Byte((byte)'+');
        }

        w.Number(retries);
    }
}
