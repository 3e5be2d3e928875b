namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>A <c>bind</c> option of HAProxy 2.6: how many values follow it and what the parser does with it.</summary>
/// <param name="Reason">For <see cref="BindOptionKind.Unsupported"/>: why, in words for the error message.</param>
internal sealed record BindOption(string Name, int Arity, BindOptionKind Kind, string? Reason = null);
