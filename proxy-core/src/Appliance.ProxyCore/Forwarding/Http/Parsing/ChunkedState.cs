namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>Where the chunked decoder is in RFC 9112 §7.1's grammar; the comment is the byte it waits for.</summary>
internal enum ChunkedState : byte
{
    Size,               // HEXDIG, then ';', BWS or CR
    SizeBws,            // more BWS, then ';'
    ExtStart,           // BWS, then an extension name
    ExtName,            // tchar, '=', ';', BWS or CR
    ExtNameBws,         // BWS, then '=' or ';'
    ExtValueStart,      // BWS, then a token or a quoted string
    ExtToken,           // tchar, ';', BWS or CR
    ExtQuoted,          // qdtext, '\' or the closing '"'
    ExtQuotedEscape,    // the escaped byte
    ExtQuotedEnd,       // ';', BWS or CR
    ExtValueBws,        // BWS, then ';'
    LineLf,             // LF ending a chunk line
    Data,               // chunk data
    DataCr,             // CR after the data
    DataLf,             // LF after the data
    TrailerLineStart,   // a trailer field name, or CR of the final CRLF
    TrailerName,        // tchar or ':'
    TrailerValue,       // field value bytes or CR
    TrailerLf,          // LF ending a trailer line
    FinalLf,            // LF of the final CRLF
    Done,
}
