namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>A directive HAProxy removed: the version that removed it and what to write instead.</summary>
/// <param name="Directive">As written, e.g. <c>reqadd</c> or <c>option forceclose</c>.</param>
internal sealed record RemovedDirective(string Directive, string Version, string Advice);
