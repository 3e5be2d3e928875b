namespace Appliance.ProxyCore.Stats;

/// <summary>One line of stats: a frontend, a server or a backend, with a cell per <see cref="StatsField"/>.</summary>
public sealed class StatsRow
{
    private readonly StatsValue[] _values = new StatsValue[StatsFields.Count];

    public StatsRow(StatsObjectType type, int proxyId, int serverId)
    {
        Type = type;
        ProxyId = proxyId;
        ServerId = serverId;
    }

    public StatsObjectType Type { get; }

    /// <summary>The proxy's id (<c>iid</c>).</summary>
    public int ProxyId { get; }

    /// <summary>The server's id (<c>sid</c>); 0 for frontends and backends.</summary>
    public int ServerId { get; }

    public StatsValue this[StatsField field]
    {
        get => _values[(int)field];
        set => _values[(int)field] = value;
    }

    /// <summary>The cells in column order.</summary>
    public ReadOnlySpan<StatsValue> Values => _values;

    public void Set(StatsField field, long number) => _values[(int)field] = StatsValue.Of(number);

    public void Set(StatsField field, string text) => _values[(int)field] = StatsValue.Of(text);

    /// <summary>Sets every field from <paramref name="first"/> to <paramref name="last"/> to 0.</summary>
    public void Zero(StatsField first, StatsField last)
    {
        for (var i = (int)first; i <= (int)last; i++)
        {
            _values[i] = StatsValue.Of(0);
        }
    }

    /// <summary>The text of a cell (empty string for an empty cell).</summary>
    public string Text(StatsField field) => this[field].ToString();

    public long Number(StatsField field) => this[field].Number;
}
