using System.Globalization;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// Parses HAProxy's agent-check reply (configuration manual, "agent-check"): one ASCII line ended by the first CR or LF,
/// made of words separated by spaces, tabs or commas, in any order, case-insensitive: <c>N%</c>, <c>maxconn:N</c>,
/// <c>ready</c>, <c>drain</c>, <c>maint</c>, <c>up</c>, <c>down</c>, <c>fail</c>, <c>stopped</c>, then an optional
/// <c>#description</c> running to the end of the line. When a category appears twice the last word wins.
/// </summary>
public static class AgentReplyParser
{
    /// <summary>
    /// The largest percentage kept: HAProxy clamps at 25600 (256 x 100) so that weight x percent cannot overflow and any
    /// weight can still reach the 256 maximum.
    /// </summary>
    public const int MaxWeightPercent = 25600;

    /// <summary>How much of an offending word an error message repeats, so a hostile agent cannot flood the logs.</summary>
    private const int MaxQuotedWord = 40;

    private const string MaxConnPrefix = "maxconn:";

    private const string Expected =
        "expected 'N%', 'maxconn:N', 'ready', 'drain', 'maint', 'up', 'down', 'fail', 'stopped' or '#description'";

    /// <summary>
    /// Finds the first line in bytes received from an agent. Returns false while no CR or LF has arrived: HAProxy waits for
    /// more data and ignores a line the agent closes without ending ("Ignoring incomplete line from agent").
    /// </summary>
    public static bool TryReadLine(ReadOnlySpan<byte> received, out string line)
    {
        var end = received.IndexOfAny((byte)'\r', (byte)'\n');
        if (end < 0)
        {
            line = string.Empty;
            return false;
        }

        // Latin-1 maps every byte to one char, so stray non-ASCII bytes become unknown words instead of decoding errors.
        line = System.Text.Encoding.Latin1.GetString(received[..end]);
        return true;
    }

    /// <summary>Parses one reply line; text after the first CR or LF is ignored. Never throws.</summary>
    public static AgentReply Parse(ReadOnlySpan<char> line)
    {
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        int? weight = null;
        int? maxConn = null;
        ServerAdminState? admin = null;
        AgentHealthReport? health = null;
        string? description = null;
        string? error = null;

        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (IsSeparator(c))
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                var text = line[(i + 1)..].Trim(" \t");
                description = text.IsEmpty ? null : text.ToString();
                break;
            }

            var start = i;
            while (i < line.Length && !IsSeparator(line[i]))
            {
                i++;
            }

            var word = line[start..i];
            if (TryHealth(word, out var h))
            {
                health = h;
            }
            else if (TryAdmin(word, out var a))
            {
                admin = a;
            }
            else if (char.IsAsciiDigit(word[0]) && word.Contains('%'))
            {
                // HAProxy treats any word that starts with a digit and holds a '%' as a weight request.
                if (TryPercent(word, out var p))
                {
                    weight = p;
                }
                else
                {
                    error ??= $"agent weight '{Quote(word)}' is not a percentage (expected digits followed by '%', e.g. '75%')";
                }
            }
            else if (word.StartsWith(MaxConnPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (TryNumber(word[MaxConnPrefix.Length..], out var m))
                {
                    maxConn = m;
                }
                else
                {
                    error ??= $"agent '{Quote(word)}' has no valid limit (expected 'maxconn:' followed by digits, e.g. 'maxconn:30')";
                }
            }
            else if (word.StartsWith("weight:", StringComparison.OrdinalIgnoreCase))
            {
                // Agents written for other balancers send this; HAProxy rejects it too, so we name the right form.
                error ??= $"unknown agent word '{Quote(word)}': HAProxy agents send the percentage alone, e.g. '{Quote(word["weight:".Length..])}'";
            }
            else
            {
                error ??= $"unknown agent word '{Quote(word)}' ({Expected})";
            }
        }

        if (weight is null && maxConn is null && admin is null && health is null && description is null && error is null)
        {
            return AgentReply.Empty;
        }

        return new AgentReply
        {
            WeightPercent = weight,
            MaxConn = maxConn,
            Admin = admin,
            Health = health,
            Description = description,
            Error = error,
        };
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t' or ',';

    private static bool TryHealth(ReadOnlySpan<char> word, out AgentHealthReport health)
    {
        if (word.Equals("up", StringComparison.OrdinalIgnoreCase))
        {
            health = AgentHealthReport.Up;
        }
        else if (word.Equals("down", StringComparison.OrdinalIgnoreCase))
        {
            health = AgentHealthReport.Down;
        }
        else if (word.Equals("fail", StringComparison.OrdinalIgnoreCase))
        {
            health = AgentHealthReport.Fail;
        }
        else if (word.Equals("stopped", StringComparison.OrdinalIgnoreCase))
        {
            health = AgentHealthReport.Stopped;
        }
        else
        {
            health = default;
            return false;
        }

        return true;
    }

    private static bool TryAdmin(ReadOnlySpan<char> word, out ServerAdminState admin)
    {
        if (word.Equals("ready", StringComparison.OrdinalIgnoreCase))
        {
            admin = ServerAdminState.Ready;
        }
        else if (word.Equals("drain", StringComparison.OrdinalIgnoreCase))
        {
            admin = ServerAdminState.Drain;
        }
        else if (word.Equals("maint", StringComparison.OrdinalIgnoreCase))
        {
            admin = ServerAdminState.Maint;
        }
        else
        {
            admin = default;
            return false;
        }

        return true;
    }

    private static bool TryPercent(ReadOnlySpan<char> word, out int percent)
    {
        percent = 0;
        if (word[^1] != '%' || !TryNumber(word[..^1], out var value))
        {
            return false;
        }

        percent = Math.Min(value, MaxWeightPercent);
        return true;
    }

    /// <summary>Digits only, saturating at <see cref="int.MaxValue"/> rather than failing on a huge number.</summary>
    private static bool TryNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        long acc = 0;
        foreach (var d in digits)
        {
            if (!char.IsAsciiDigit(d))
            {
                return false;
            }

            acc = Math.Min(acc * 10 + (d - '0'), int.MaxValue);
        }

        value = (int)acc;
        return true;
    }

    private static string Quote(ReadOnlySpan<char> word) =>
        word.Length <= MaxQuotedWord
            ? word.ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{word[..MaxQuotedWord]}...");
}
