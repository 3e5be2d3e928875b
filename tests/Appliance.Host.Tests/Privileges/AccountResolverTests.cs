using Appliance.Host.Privileges;
using Appliance.Host.Privileges.Linux;
using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Tests.Privileges;

public sealed class AccountResolverTests
{
    private static readonly FakeAccountDatabase Database = new();

    [Fact]
    public void Resolve_Nothing_NoTarget()
    {
        Assert.Equal((null, null), AccountResolver.Resolve(null, null, Database));
    }

    [Fact]
    public void Resolve_UserName_TheUsersIdsAndPrimaryGroup()
    {
        var (target, error) = AccountResolver.Resolve(Setting("user", "haproxy"), null, Database);

        Assert.Null(error);
        Assert.Equal(new AccountTarget(108, 115, "haproxy", "haproxy"), target);
        Assert.Equal("user haproxy (uid 108)", target!.UserText);
        Assert.Equal("108:115", target.Marker);
    }

    [Fact]
    public void Resolve_UidKnownToTheDatabase_ItsNameAndPrimaryGroup()
    {
        var (target, error) = AccountResolver.Resolve(Setting("uid", "65534", 65534), null, Database);

        Assert.Null(error);
        Assert.Equal(new AccountTarget(65534, 65534, "nobody", "nogroup"), target);
    }

    [Fact]
    public void Resolve_UidAndGidWithoutEntries_TakenAsGiven()
    {
        var (target, error) = AccountResolver.Resolve(Setting("uid", "4242", 4242), Setting("gid", "4343", 4343), Database);

        Assert.Null(error);
        Assert.Equal(new AccountTarget(4242, 4343, null, null), target);
        Assert.Equal("uid 4242 (no user database entry)", target!.UserText);
        Assert.Equal("gid 4343 (no group database entry)", target.GroupText);
    }

    [Fact]
    public void Resolve_NumericUserAndGroupThatAreNotNames_TakenAsIds()
    {
        var (target, error) = AccountResolver.Resolve(Setting("user", "65534"), Setting("group", "50"), Database);

        Assert.Null(error);
        Assert.Equal(new AccountTarget(65534, 50, "nobody", "staff"), target);
    }

    [Fact]
    public void Resolve_NumericUserThatIsAName_TheNameWins()
    {
        var (target, _) = AccountResolver.Resolve(Setting("user", "1000"), null, Database);

        Assert.Equal(2000u, target!.Uid);
    }

    [Fact]
    public void Resolve_UidWithoutEntryOrGroup_ErrorAsksForTheGroup()
    {
        var (target, error) = AccountResolver.Resolve(Setting("uid", "4242", 4242), null, Database);

        Assert.Null(target);
        Assert.Equal("a.cfg:2: global 'uid 4242': uid 4242 has no user database entry, so no primary group: add 'gid N' or 'group NAME'", error);
    }

    [Theory]
    [InlineData("user", "no-such-user", "a.cfg:2: global 'user no-such-user': no such user (not in the user database, and not a number)")]
    [InlineData("group", "no-such-group", "a.cfg:2: global 'group no-such-group': no such group (not in the group database, and not a number)")]
    [InlineData("user", "4294967295", "a.cfg:2: global 'user 4294967295': no such user (not in the user database, and not a number)")]
    public void Resolve_UnknownName_ErrorNamesTheLine(string keyword, string value, string expected)
    {
        var user = keyword == "user" ? Setting(keyword, value) : Setting("user", "nobody");
        var group = keyword == "group" ? Setting(keyword, value) : null;

        Assert.Equal((null, expected), AccountResolver.Resolve(user, group, Database));
    }

    [Fact]
    public void Resolve_GroupAlone_NoUid()
    {
        var (target, error) = AccountResolver.Resolve(null, Setting("gid", "115", 115), Database);

        Assert.Null(error);
        Assert.Equal(new AccountTarget(null, 115, null, "haproxy"), target);
        Assert.Equal("-:115", target!.Marker);
    }

    [Fact]
    public void SystemAccountDatabase_Root_FoundBothWays()
    {
        var database = SystemAccountDatabase.Instance;

        Assert.Equal((0u, 0u), database.FindUser("root"));
        Assert.Equal(("root", 0u), database.FindUser(0u));
        Assert.Equal(0u, database.FindGroup("root"));
        Assert.Equal("root", database.FindGroup(0u));
        Assert.Null(database.FindUser("no-such-user-here"));
        Assert.Null(database.FindGroup(4294967294u - 7));
    }

    private static AccountSetting Setting(string keyword, string value, uint? id = null) => new(keyword, value, id, new SourceLocation("a.cfg", 2));
}
