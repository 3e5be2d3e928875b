using Appliance.HaAgent.Configuration;
using Appliance.Host.Switchover;

namespace Appliance.Host.Admin;

/// <summary>
/// The admin socket's <c>failover [to NODE] [timeout T] [hold T]</c> and <c>failover release</c>. Times are the
/// <c>ha</c> section's (<c>500ms</c>, <c>30s</c>, <c>10m</c>; a bare number is seconds).
/// </summary>
internal static class FailoverCommandParser
{
    public const string Syntax = "failover [to NODE] [timeout T] [hold T] | failover release";

    /// <summary>The request, or <c>Release</c> for <c>failover release</c>, or the error naming what was wrong.</summary>
    public static (SwitchoverRequest? Request, bool Release, string? Error) Parse(IReadOnlyList<string> words)
    {
        if (words is ["failover", "release"])
        {
            return (null, true, null);
        }

        string? node = null;
        var timeout = SwitchoverRequest.DefaultTimeout;
        TimeSpan? hold = null;
        for (var i = 1; i < words.Count; i += 2)
        {
            if (i + 1 >= words.Count)
            {
                return Error($"'failover {words[i]}' expects a value; syntax: {Syntax}");
            }

            var value = words[i + 1];
            switch (words[i])
            {
                case "to" when node is null:
                    node = value;
                    break;
                case "timeout" when HaTime.TryParse(value, out var t) && t > TimeSpan.Zero:
                    timeout = t;
                    break;
                case "timeout":
                    return Error($"'failover timeout' expects a time above 0 such as 30s or 500ms (got '{value}')");
                case "hold" when HaTime.TryParse(value, out var h):
                    hold = h;
                    break;
                case "hold":
                    return Error($"'failover hold' expects a time such as 10m or 30s (got '{value}')");
                default:
                    return Error($"unknown or repeated 'failover' option '{words[i]}'; syntax: {Syntax}");
            }
        }

        return (new SwitchoverRequest(node, timeout, hold), false, null);
    }

    private static (SwitchoverRequest?, bool, string?) Error(string message) => (null, false, message);
}
