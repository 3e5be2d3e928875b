using System.Globalization;
using Appliance.Contracts.Replication;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Parses HAProxy 2.6's <c>stick-table type {ip|ipv6|integer|string [len N]} size N[k|m|g] [expire T] [nopurge]
/// [peers NAME] [srvkey name] [store server_id]</c>, reporting every problem of the line.
/// </summary>
internal static class StickTableLineParser
{
    private static readonly string[] Words = ["type", "size", "expire", "nopurge", "peers", "srvkey", "store"];
    private static readonly string[] Types = ["ip", "ipv6", "integer", "string"];

    /// <summary>The table of <paramref name="proxyName"/>, or null after reporting.</summary>
    public static StickTableConfig? Parse(ConfigLine line, string proxyName, string where, DiagnosticBag bag)
    {
        var args = line.Arguments;
        StickKeyType? type = null;
        int? size = null, length = null;
        TimeSpan? expire = null;
        string? peers = null;
        string? typeWord = null;
        var noPurge = false;
        var valid = true;
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            string? value = word is "type" or "size" or "expire" or "peers" or "srvkey" or "store" or "len" or "write-to"
                ? (i + 1 < args.Count ? args[++i] : null)
                : "";
            if (value is null)
            {
                bag.Error(line.Location, ConfigMessages.StickTableMissing(where, $"a value after '{word}'"));
                valid = false;
                continue;
            }

            switch (word)
            {
                case "type":
                    typeWord = value;
                    type = ParseType(value, line, where, bag);
                    valid &= type is not null;
                    if (i + 1 < args.Count && args[i + 1] == "len")
                    {
                        i++;
                        length = ReadLength(args, ref i, type, value, line, where, bag);
                        valid &= length is not null;
                    }

                    break;
                case "len":
                    bag.Error(line.Location, ConfigMessages.StickTableLenNotHere(where, typeWord ?? "?"));
                    valid = false;
                    break;
                case "size":
                    size = ParseSize(value);
                    if (size is null)
                    {
                        bag.Error(line.Location, ConfigMessages.StickTableBadNumber(where, "size", "a positive number of entries, optionally with k, m or g (e.g. 100k)", value));
                        valid = false;
                    }

                    break;
                case "expire":
                    if (TimeParser.TryParse(value, out var time) != TimeParseStatus.Ok || time <= TimeSpan.Zero || time > TimeSpan.FromMilliseconds(int.MaxValue))
                    {
                        bag.Error(line.Location, ConfigMessages.StickTableBadExpire(where, value));
                        valid = false;
                    }
                    else
                    {
                        expire = time;
                    }

                    break;
                case "nopurge":
                    noPurge = true;
                    break;
                case "peers":
                    peers = value;
                    break;
                case "srvkey" when value != "name":
                    bag.Error(line.Location, ConfigMessages.StickTableSrvKeyUnsupported(where, value));
                    valid = false;
                    break;
                case "srvkey":
                    break;
                case "store":
                    foreach (var data in value.Split(','))
                    {
                        if (data != "server_id")
                        {
                            bag.Error(line.Location, ConfigMessages.StickTableStoreUnsupported(where, data));
                            valid = false;
                        }
                    }

                    break;
                case "write-to":
                    bag.Error(line.Location, ConfigMessages.StickTableWriteTo(where));
                    valid = false;
                    break;
                default:
                    bag.Error(line.Location, ConfigMessages.StickTableUnknownWord(where, word, NearestMatch.Find(word, Words)));
                    valid = false;
                    break;
            }
        }

        if (type is null && valid)
        {
            bag.Error(line.Location, ConfigMessages.StickTableMissing(where, $"'type' followed by {ConfigMessages.StickTableTypes}"));
            valid = false;
        }

        if (size is null && valid)
        {
            bag.Error(line.Location, ConfigMessages.StickTableMissing(where, "'size' followed by the most entries, e.g. 'size 100k'"));
            valid = false;
        }

        return valid
            ? new StickTableConfig
            {
                Name = proxyName,
                KeyType = type!.Value,
                KeyLength = length ?? StickTableConfig.DefaultKeyLength,
                Size = size!.Value,
                Expire = expire,
                NoPurge = noPurge,
                Peers = peers,
                Location = line.Location,
            }
            : null;
    }

    private static StickKeyType? ParseType(string value, ConfigLine line, string where, DiagnosticBag bag)
    {
        switch (value)
        {
            case "ip": return StickKeyType.Ipv4;
            case "ipv6": return StickKeyType.Ipv6;
            case "integer": return StickKeyType.Number;
            case "string": return StickKeyType.Text;
            case "binary":
                bag.Error(line.Location, ConfigMessages.StickTableBinaryType(where));
                return null;
            default:
                bag.Error(line.Location, ConfigMessages.StickTableUnknownType(where, value, NearestMatch.Find(value, Types)));
                return null;
        }
    }

    private static int? ReadLength(IReadOnlyList<string> args, ref int i, StickKeyType? type, string typeWord, ConfigLine line, string where, DiagnosticBag bag)
    {
        if (type is not null and not StickKeyType.Text)
        {
            bag.Error(line.Location, ConfigMessages.StickTableLenNotHere(where, typeWord));
            i++;
            return null;
        }

        if (i + 1 >= args.Count)
        {
            bag.Error(line.Location, ConfigMessages.StickTableMissing(where, "a length after 'len'"));
            return null;
        }

        var text = args[++i];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length is < 1 or > 65535)
        {
            bag.Error(line.Location, ConfigMessages.StickTableBadNumber(where, "len", "a key length in bytes from 1 to 65535", text));
            return null;
        }

        return length;
    }

    /// <summary>HAProxy's size syntax: a positive integer with an optional k, m or g suffix (powers of 1024).</summary>
    private static int? ParseSize(string text)
    {
        var multiplier = 1L;
        var digits = text;
        if (text.Length > 1 && char.ToLowerInvariant(text[^1]) is 'k' or 'm' or 'g')
        {
            multiplier = char.ToLowerInvariant(text[^1]) switch { 'k' => 1024L, 'm' => 1024L * 1024, _ => 1024L * 1024 * 1024 };
            digits = text[..^1];
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number > 0 && number * multiplier <= int.MaxValue
            ? (int)(number * multiplier)
            : null;
    }
}
