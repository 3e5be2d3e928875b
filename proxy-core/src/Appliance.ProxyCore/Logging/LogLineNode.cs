namespace Appliance.ProxyCore.Logging;

/// <summary>One compiled piece of an access-log format.</summary>
/// <param name="Kind">A separator, literal text or a variable.</param>
/// <param name="Field">The variable, when <paramref name="Kind"/> is <see cref="LogLineNodeKind.Field"/>.</param>
/// <param name="Text">The UTF-8 text, when <paramref name="Kind"/> is <see cref="LogLineNodeKind.Text"/>.</param>
/// <param name="Quote"><c>%{+Q}</c>: the value is written between double quotes.</param>
internal readonly record struct LogLineNode(LogLineNodeKind Kind, LogField Field, byte[]? Text, bool Quote);
