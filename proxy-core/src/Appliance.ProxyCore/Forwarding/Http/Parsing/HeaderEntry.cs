namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>One field line as offsets into the head's byte buffer: no string, no copy.</summary>
internal readonly record struct HeaderEntry(int NameStart, int NameLength, int ValueStart, int ValueLength, KnownHeader Known);
