namespace Appliance.ProxyCore.Logging;

/// <summary>What a <see cref="LogLineNode"/> is.</summary>
internal enum LogLineNodeKind
{
    /// <summary>
    /// A run of spaces in the format: one space, written only when the line does not already end with one, so an empty
    /// <c>%hr</c> leaves a single space between its neighbours (HAProxy's <c>LOG_FMT_SEPARATOR</c>).
    /// </summary>
    Separator,

    /// <summary>Literal text.</summary>
    Text,

    /// <summary>A variable.</summary>
    Field,
}
