using System.Globalization;
using System.Text;

namespace Appliance.ProxyCore.Health;

/// <summary>The result of one regular health check: a status, an optional HTTP code and an optional detail.</summary>
public readonly record struct ProbeResult(CheckStatus Status, int? Code = null, string? Info = null)
{
    /// <summary>True for <see cref="CheckStatus.Layer4Passed"/> and <see cref="CheckStatus.Layer7Passed"/>.</summary>
    public bool Passed => Status is CheckStatus.Layer4Passed or CheckStatus.Layer7Passed;

    public static ProbeResult Layer4Passed() => new(CheckStatus.Layer4Passed);

    public static ProbeResult Layer4Timeout() => new(CheckStatus.Layer4Timeout);

    public static ProbeResult Layer4ConnectionProblem(string info) => new(CheckStatus.Layer4ConnectionProblem, null, info);

    public static ProbeResult SocketError(string info) => new(CheckStatus.SocketError, null, info);

    public static ProbeResult Layer7Timeout() => new(CheckStatus.Layer7Timeout);

    public static ProbeResult Layer7InvalidResponse(string? info = null) => new(CheckStatus.Layer7InvalidResponse, null, info);

    /// <summary>The status text HAProxy prints as <c>reason:</c> (src/check.c, check_statuses).</summary>
    public static string StatusText(CheckStatus status) => status switch
    {
        CheckStatus.Layer4Passed => "Layer4 check passed",
        CheckStatus.Layer4Timeout => "Layer4 timeout",
        CheckStatus.Layer4ConnectionProblem => "Layer4 connection problem",
        CheckStatus.SocketError => "Socket error",
        CheckStatus.Layer7Passed => "Layer7 check passed",
        CheckStatus.Layer7Timeout => "Layer7 timeout",
        CheckStatus.Layer7InvalidResponse => "Layer7 invalid response",
        CheckStatus.Layer7WrongStatus => "Layer7 wrong status",
        _ => "Unknown",
    };

    /// <summary>HAProxy's short code of a status (the stats page's <c>check_status</c>).</summary>
    public static string StatusCode(CheckStatus status) => status switch
    {
        CheckStatus.Layer4Passed => "L4OK",
        CheckStatus.Layer4Timeout => "L4TOUT",
        CheckStatus.Layer4ConnectionProblem => "L4CON",
        CheckStatus.SocketError => "SOCKERR",
        CheckStatus.Layer7Passed => "L7OK",
        CheckStatus.Layer7Timeout => "L7TOUT",
        CheckStatus.Layer7InvalidResponse => "L7RSP",
        CheckStatus.Layer7WrongStatus => "L7STS",
        _ => "UNK",
    };

    /// <summary>The result as the stats page reports it.</summary>
    public Model.CheckReport ToReport(TimeSpan duration) => new(StatusCode(Status), Code, Info, StatusText(Status), duration);

    /// <summary>
    /// HAProxy's wording for the reason of a state change, as in its log line
    /// <c>Server b/s1 is DOWN, reason: Layer7 wrong status, code: 503, info: "Service Unavailable"</c>.
    /// </summary>
    public string Describe()
    {
        var text = new StringBuilder(StatusText(Status));
        if (Code is { } code)
        {
            text.Append(CultureInfo.InvariantCulture, $", code: {code}");
        }

        if (!string.IsNullOrEmpty(Info))
        {
            text.Append(CultureInfo.InvariantCulture, $", info: \"{Info}\"");
        }

        return text.ToString();
    }

    public override string ToString() => Describe();
}
