namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// A <c>global</c> <c>user NAME</c> / <c>uid NUMBER</c> (or <c>group NAME</c> / <c>gid NUMBER</c>) line: whom
/// <c>appliance run</c> switches to when started as root. The names are looked up by the host when it starts (the
/// system's user and group databases are not the parser's business); a numeric <c>user</c>/<c>group</c> not found as
/// a name is taken as an id, as chown(1) does.
/// </summary>
/// <param name="Keyword"><c>user</c>, <c>uid</c>, <c>group</c> or <c>gid</c>, as written.</param>
/// <param name="Value">The argument as written.</param>
/// <param name="Id">For <c>uid</c>/<c>gid</c>: the id (0 to 4294967294; 4294967295 is (uid_t)-1, "unchanged" to setresuid); else null.</param>
/// <param name="Location">The line, for the host's errors.</param>
public sealed record AccountSetting(string Keyword, string Value, uint? Id, SourceLocation Location)
{
    /// <summary>The line as written: <c>user nobody</c>, <c>uid 65534</c>.</summary>
    public override string ToString() => $"{Keyword} {Value}";
}
