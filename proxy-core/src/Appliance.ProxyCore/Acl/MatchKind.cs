namespace Appliance.ProxyCore.Acl;

#pragma warning disable CA1720 // The names are HAProxy's own (-m int, sample types integer and string).

/// <summary>The matching methods of <c>-m</c>, HAProxy's names in comments.</summary>
public enum MatchKind
{
    /// <summary><c>found</c>: the fetch returned a value; takes no pattern.</summary>
    Found,

    /// <summary><c>bool</c>: the value is true or non-zero; takes no pattern.</summary>
    Bool,

    /// <summary><c>int</c>: integers, ranges <c>A:B</c>, or <c>eq|ge|gt|le|lt N</c>.</summary>
    Int,

    /// <summary><c>ip</c>: IPv4/IPv6 addresses and networks.</summary>
    Ip,

    /// <summary><c>str</c>: exact match.</summary>
    Str,

    /// <summary><c>beg</c>: prefix.</summary>
    Beg,

    /// <summary><c>end</c>: suffix.</summary>
    End,

    /// <summary><c>sub</c>: substring.</summary>
    Sub,

    /// <summary><c>reg</c>: regular expression.</summary>
    Reg,

    /// <summary><c>dom</c>: a run of dot-delimited labels (also bounded by <c>/ ? :</c>).</summary>
    Dom,

    /// <summary><c>dir</c>: a run of slash-delimited segments (also bounded by <c>?</c>).</summary>
    Dir,

    /// <summary><c>len</c>: the length of the text, compared like <c>int</c>.</summary>
    Len,
}
