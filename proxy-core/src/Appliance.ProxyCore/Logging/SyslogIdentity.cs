using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The names in the syslog header, from the global section: <c>log-send-hostname [NAME]</c> (the hostname field; its
/// presence also makes <c>rfc3164</c> the default format) and <c>log-tag TAG</c>.
/// </summary>
/// <param name="Hostname">The hostname to send; null = <c>log-send-hostname</c> not set.</param>
/// <param name="Tag">The tag / APP-NAME; default <see cref="DefaultTag"/>.</param>
public sealed record SyslogIdentity(string? Hostname, string Tag)
{
    /// <summary>
    /// <c>haproxy</c>, HAProxy's own tag: existing rsyslog rules (Debian's <c>49-haproxy.conf</c> matches
    /// <c>programname haproxy</c>) and log tools keep working when this appliance replaces HAProxy.
    /// </summary>
    public const string DefaultTag = "haproxy";

    public bool SendHostname => Hostname is not null;

    /// <summary>The RFC 3164 HOSTNAME: the configured one, else <c>localhost</c> (what HAProxy 2.6 sends then).</summary>
    public string Rfc3164Hostname => Hostname ?? "localhost";

    /// <summary>The RFC 5424 HOSTNAME: the configured one, else the NILVALUE <c>-</c> (as HAProxy 2.6 does).</summary>
    public string Rfc5424Hostname => Hostname ?? "-";

    /// <param name="global">The global section.</param>
    /// <param name="systemHostName">The machine's name, used by a bare <c>log-send-hostname</c>.</param>
    public static SyslogIdentity From(GlobalConfig global, string systemHostName)
    {
        string? hostname = null;
        var tag = DefaultTag;
        foreach (var line in global.DeferredLines)
        {
            if (line.Keyword == "log-send-hostname")
            {
                hostname = line.Arguments.Count > 0 ? line.Arguments[0] : systemHostName;
            }
            else if (line.Keyword == "log-tag" && line.Arguments.Count > 0)
            {
                tag = line.Arguments[0];
            }
        }

        return new SyslogIdentity(hostname, tag);
    }
}
