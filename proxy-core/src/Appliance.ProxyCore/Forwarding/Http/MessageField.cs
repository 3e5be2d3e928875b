namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// One field line of a <see cref="MessageHeaders"/> as offsets into its text buffer. <see cref="FromHead"/>: name and
/// value are still the received ones, so the same offsets address their bytes in the head (written without encoding).
/// <see cref="Managed"/>: a hop-by-hop or framing field the forwarder writes itself (never copied from the list).
/// </summary>
internal readonly record struct MessageField(int NameStart, int NameLength, int ValueStart, int ValueLength, bool FromHead, bool Managed);
