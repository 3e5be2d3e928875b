using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.StickTables;

/// <summary>One <c>stick</c> rule bound to its live table.</summary>
internal sealed class StickRule(StickRuleConfig config, StickTable table)
{
    public StickRuleConfig Config { get; } = config;

    public StickTable Table { get; } = table;

    /// <summary>The table's bit among the rule set's tables (one store per table per call).</summary>
    public ulong TableBit { get; set; }

    /// <summary>The server this rule's entry names (refreshing it); null when the condition fails, there is no key or no entry.</summary>
    public string? Match(in SampleContext context, Span<char> scratch)
    {
        if (!Applies(context) || !Config.Pattern.TryEvaluate(context, out var sample))
        {
            return null;
        }

        var table = Table.Config;
        return StickKeys.TryFromSample(table.KeyType, table.KeyLength, sample, scratch, out var key) ? Table.Match(key) : null;
    }

    /// <summary>Stores this rule's key with <paramref name="server"/>; false when the condition fails or there is no key.</summary>
    public bool Store(in SampleContext context, Span<char> scratch, string server)
    {
        if (!Applies(context) || !Config.Pattern.TryEvaluate(context, out var sample))
        {
            return false;
        }

        var table = Table.Config;
        if (!StickKeys.TryFromSample(table.KeyType, table.KeyLength, sample, scratch, out var key))
        {
            return false;
        }

        Table.Store(key, server);
        return true;
    }

    private bool Applies(in SampleContext context) => Config.Condition is not { } condition || condition.Evaluate(context);
}
