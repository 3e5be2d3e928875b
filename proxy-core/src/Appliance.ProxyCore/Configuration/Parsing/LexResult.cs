namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>The words of one physical line, or the reason it could not be split (then <see cref="Words"/> is empty).</summary>
internal readonly record struct LexResult(IReadOnlyList<string> Words, string? Error);
