namespace Appliance.HaAgent.Configuration;

/// <summary>
/// <c>track_interface</c>, <c>track_script</c> and <c>track_proxy</c>: each failed tracker subtracts its weight from
/// the priority (keepalived's negative weights, written here without the sign).
/// </summary>
internal static class HaTrackKeywords
{
    private const string WeightExpectation = "an integer from 1 to 254";
    private const string CountExpectation = "an integer from 1 to 100";
    private const string IntervalExpectation = "a time from 10ms to 1h";
    private const string ScriptExpectation = "NAME \"COMMAND\" [interval TIME] [weight N] [rise N] [fall N]";

    /// <summary>keepalived's vrrp_script default interval.</summary>
    private static readonly TimeSpan DefaultScriptInterval = TimeSpan.FromSeconds(1);

    public static void ReadTrackInterface(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        var args = line.Arguments;
        if (args.Count == 0 || !HaArguments.IsInterfaceName(args[0]))
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, "IF [weight N] with an interface name", args)));
            return;
        }

        var options = ReadOptions(line, args[0], 1, ["weight"], d);
        if (options is null)
        {
            return;
        }

        var earlier = b.TrackInterfaces.FirstOrDefault(t => t.Track.Interface == args[0]);
        if (earlier.Line is not null)
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.AlreadyListed(line.Keyword, args[0], earlier.Line)));
            return;
        }

        b.TrackInterfaces.Add((new TrackInterfaceConfig(args[0], options.Weight), line));
    }

    public static void ReadTrackScript(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        var args = line.Arguments;
        if (args.Count < 2 || args[0].Length == 0 || string.IsNullOrWhiteSpace(args[1]))
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, ScriptExpectation, args)));
            return;
        }

        var options = ReadOptions(line, args[0], 2, ["interval", "weight", "rise", "fall"], d);
        if (options is null)
        {
            return;
        }

        var earlier = b.TrackScripts.FirstOrDefault(t => t.Track.Name == args[0]);
        if (earlier.Line is not null)
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.AlreadyListed(line.Keyword, $"'{args[0]}'", earlier.Line)));
            return;
        }

        b.TrackScripts.Add((
            new TrackScriptConfig(args[0], args[1], options.Interval, options.Weight, options.Rise, options.Fall), line));
    }

    public static void ReadTrackProxy(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        if (ReadOptions(line, "", 0, ["weight"], d) is { } options)
        {
            b.TrackProxy = new TrackProxyConfig(options.Weight);
        }
    }

    /// <summary>Reads <c>option value</c> pairs from <paramref name="start"/>; null when any was wrong (all reported).</summary>
    private static TrackOptions? ReadOptions(
        HaConfigLine line, string name, int start, string[] allowed, List<HaDiagnostic> d)
    {
        var keyword = name.Length == 0 ? line.Keyword : $"{line.Keyword} {name}";
        var options = new TrackOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        for (var i = start; i < line.Arguments.Count; i += 2)
        {
            var option = line.Arguments[i];
            if (!allowed.Contains(option))
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.UnknownOption(keyword, option, allowed)));
                return null;
            }

            var expectation = option switch
            {
                "weight" => WeightExpectation,
                "interval" => IntervalExpectation,
                _ => CountExpectation,
            };
            if (!seen.Add(option))
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.OptionTwice(keyword, option)));
                ok = false;
                continue;
            }

            if (i + 1 >= line.Arguments.Count)
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.OptionMissingValue(keyword, option, expectation)));
                return null;
            }

            var value = line.Arguments[i + 1];
            var valid = option switch
            {
                "weight" => HaArguments.TryInteger(value, 1, 254, out options.Weight),
                "interval" => HaArguments.TryTime(value, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), out options.Interval),
                "rise" => HaArguments.TryInteger(value, 1, 100, out options.Rise),
                _ => HaArguments.TryInteger(value, 1, 100, out options.Fall),
            };
            if (!valid)
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.OptionExpects(keyword, option, expectation, value)));
                ok = false;
            }
        }

        return ok ? options : null;
    }

    /// <summary>Mutable while reading; fields so TryParse can write them directly.</summary>
    private sealed class TrackOptions
    {
        public int Weight = HaConfig.DefaultTrackWeight;
        public TimeSpan Interval = DefaultScriptInterval;
        public int Rise = 1;
        public int Fall = 1;
    }
}
