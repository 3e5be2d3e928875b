namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>One field line of a <see cref="MessageHeaders"/> as offsets into its text buffer.</summary>
internal readonly record struct MessageField(int NameStart, int NameLength, int ValueStart, int ValueLength);
