namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary>The <c>%{+FLAG}</c> options of a variable.</summary>
[Flags]
public enum LogFormatFlags
{
    None = 0,

    /// <summary><c>Q</c>: put text values between double quotes.</summary>
    Quote = 1,

    /// <summary><c>X</c>: write numbers, ports and addresses in upper-case hexadecimal.</summary>
    Hex = 2,

    /// <summary><c>E</c>: escape <c>"</c>, <c>\</c> and <c>]</c> in text with a backslash.</summary>
    Escape = 4,
}
