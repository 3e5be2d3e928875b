namespace Appliance.ProxyCore.StickTables;

/// <summary>
/// A key to look up or store, without allocating: a number (addresses and integers) or a span of text (string
/// tables). Built by <see cref="StickKeys"/> from a sample or from replication's canonical text.
/// </summary>
public readonly ref struct StickLookupKey
{
    private StickLookupKey(UInt128 number, ReadOnlySpan<char> text, bool isText)
    {
        Number = number;
        Text = text;
        IsText = isText;
    }

    public UInt128 Number { get; }

    public ReadOnlySpan<char> Text { get; }

    public bool IsText { get; }

    public static StickLookupKey FromNumber(UInt128 number) => new(number, default, false);

    public static StickLookupKey FromText(ReadOnlySpan<char> text) => new(0, text, true);
}
