using System.Text;

namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary>One compiled piece of a log-format string: literal text, a variable or a sample expression.</summary>
public abstract class LogFormatSegment
{
    public abstract void Append(HttpTransaction transaction, StringBuilder output);
}
