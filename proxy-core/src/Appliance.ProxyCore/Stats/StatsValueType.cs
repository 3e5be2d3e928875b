namespace Appliance.ProxyCore.Stats;

/// <summary>HAProxy's field types (<c>u32</c>, <c>u64</c>, <c>s32</c>, <c>str</c>), as named in typed and JSON output.</summary>
public enum StatsValueType
{
    U32,
    U64,
    S32,
    Str,
}
