using System.Text;

namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary>Text copied as written (<c>%%</c> already turned into <c>%</c>).</summary>
public sealed class LiteralSegment(string text) : LogFormatSegment
{
    public string Text { get; } = text;

    public override void Append(HttpTransaction transaction, StringBuilder output) => output.Append(Text);

    public override string ToString() => Text.Replace("%", "%%", StringComparison.Ordinal);
}
