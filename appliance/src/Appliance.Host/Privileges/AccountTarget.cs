using System.Globalization;

namespace Appliance.Host.Privileges;

/// <summary>Whom <c>appliance run</c> switches to, resolved from <c>global</c> <c>user</c>/<c>uid</c> and <c>group</c>/<c>gid</c>.</summary>
/// <param name="Uid">The user id; null = <c>group</c>/<c>gid</c> alone, the process stays root (as in HAProxy).</param>
/// <param name="Gid">The group id: the group's, or the user's primary group.</param>
/// <param name="UserName">The user's name in the database; null when the uid has no entry (or there is no uid).</param>
/// <param name="GroupName">The group's name in the database; null when the gid has no entry.</param>
internal sealed record AccountTarget(uint? Uid, uint Gid, string? UserName, string? GroupName)
{
    /// <summary><c>user nobody (uid 65534)</c>, <c>uid 4242 (no user database entry)</c>.</summary>
    public string UserText => Uid is not { } uid ? "the starting user"
        : UserName is { } name ? string.Create(CultureInfo.InvariantCulture, $"user {name} (uid {uid})")
        : string.Create(CultureInfo.InvariantCulture, $"uid {uid} (no user database entry)");

    /// <summary><c>group nogroup (gid 65534)</c>, <c>gid 4242 (no group database entry)</c>.</summary>
    public string GroupText => GroupName is { } name
        ? string.Create(CultureInfo.InvariantCulture, $"group {name} (gid {Gid})")
        : string.Create(CultureInfo.InvariantCulture, $"gid {Gid} (no group database entry)");

    /// <summary>What the restarted process is checked against: <c>UID:GID</c> (<c>-</c> for no uid).</summary>
    public string Marker => $"{Uid?.ToString(CultureInfo.InvariantCulture) ?? "-"}:{Gid.ToString(CultureInfo.InvariantCulture)}";
}
