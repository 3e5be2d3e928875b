namespace Appliance.ProxyCore.Acl;

/// <summary><c>lower</c> / <c>upper</c>: ASCII case conversion of the text of a sample (invariant, as HAProxy's).</summary>
public sealed class CaseConverter(bool upper) : SampleConverter
{
    public override string Name => Upper ? "upper" : "lower";

    public bool Upper { get; } = upper;

    public override bool TryConvert(Sample input, int slot, out Sample output)
    {
        Span<char> digits = stackalloc char[64];
        var text = input.AsText(digits);
        var buffer = ConverterScratch.Get(slot, text.Length);
        var written = Upper
            ? System.Text.Ascii.ToUpper(text, buffer, out var count)
            : System.Text.Ascii.ToLower(text, buffer, out count);
        if (written != System.Buffers.OperationStatus.Done)
        {
            // Non-ASCII text: convert what is ASCII, copy the rest unchanged.
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                buffer[i] = c > 127 ? c : Upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
            }

            count = text.Length;
        }

        output = Sample.FromText(buffer[..count]);
        return true;
    }
}
