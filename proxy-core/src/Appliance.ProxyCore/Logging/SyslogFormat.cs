namespace Appliance.ProxyCore.Logging;

/// <summary>The header a <c>log</c> target puts before each line (HAProxy's <c>format</c> argument).</summary>
public enum SyslogFormat
{
    /// <summary><c>local</c>: RFC 3164 without the hostname, <c>&lt;PRI&gt;Mmm dd hh:mm:ss tag[pid]: </c>. HAProxy's default.</summary>
    Local,

    /// <summary><c>rfc3164</c>: <c>&lt;PRI&gt;Mmm dd hh:mm:ss hostname tag[pid]: </c> (RFC 3164 section 4.1).</summary>
    Rfc3164,

    /// <summary><c>rfc5424</c>: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD </c> (RFC 5424 section 6).</summary>
    Rfc5424,

    /// <summary><c>priority</c>: <c>&lt;PRI&gt;</c> then the text.</summary>
    Priority,

    // CA1720 would rename this; it keeps HAProxy's word for the format.
#pragma warning disable CA1720
    /// <summary><c>short</c>: <c>&lt;SEVERITY&gt;</c> then the text (what systemd's journal reads).</summary>
    Short,
#pragma warning restore CA1720

    /// <summary><c>timed</c>: <c>&lt;SEVERITY&gt;</c>, an ISO 8601 date, then the text.</summary>
    Timed,

    /// <summary><c>iso</c>: an ISO 8601 date, then the text.</summary>
    Iso,

    /// <summary><c>raw</c>: the text alone.</summary>
    Raw,
}
