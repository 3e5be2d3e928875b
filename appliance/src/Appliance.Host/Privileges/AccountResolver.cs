using System.Globalization;
using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Privileges;

/// <summary>
/// Resolves <c>global</c> <c>user NAME</c> / <c>uid N</c> and <c>group NAME</c> / <c>gid N</c> against the account
/// databases (docs/configuration.md "global"). A name is looked up first; a <c>user</c>/<c>group</c> value that is not
/// a name but a number is taken as the id (as chown(1) does), like <c>uid</c>/<c>gid</c>. Ids need no database entry,
/// except that a user without <c>group</c>/<c>gid</c> needs one for its primary group. Pure but for the database seam.
/// </summary>
internal static class AccountResolver
{
    /// <summary>The target, or null when neither is set; or the error, naming the line.</summary>
    public static (AccountTarget? Target, string? Error) Resolve(AccountSetting? user, AccountSetting? group, IAccountDatabase database)
    {
        if (user is null && group is null)
        {
            return (null, null);
        }

        uint? uid = null;
        uint? primaryGid = null;
        string? userName = null;
        if (user is not null)
        {
            if (user.Id is null && database.FindUser(user.Value) is { } named)
            {
                (uid, primaryGid, userName) = (named.Uid, named.Gid, user.Value);
            }
            else if ((user.Id ?? Number(user.Value)) is { } id)
            {
                uid = id;
                var entry = database.FindUser(id);
                (userName, primaryGid) = (entry?.Name, entry?.Gid);
            }
            else
            {
                return (null, $"{user.Location}: global '{user}': no such user (not in the user database, and not a number)");
            }
        }

        uint gid;
        if (group is null)
        {
            if (primaryGid is not { } primary)
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"{user!.Location}: global '{user}': uid {uid} has no user database entry, so no primary group: add 'gid N' or 'group NAME'"));
            }

            gid = primary;
        }
        else if (group.Id is null && database.FindGroup(group.Value) is { } named)
        {
            gid = named;
        }
        else if ((group.Id ?? Number(group.Value)) is { } id)
        {
            gid = id;
        }
        else
        {
            return (null, $"{group.Location}: global '{group}': no such group (not in the group database, and not a number)");
        }

        return (new AccountTarget(uid, gid, userName, database.FindGroup(gid)), null);
    }

    /// <summary>A decimal id; (uid_t)-1 is "unchanged" to setresuid, not an id.</summary>
    private static uint? Number(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id != uint.MaxValue ? id : null;
}
