using Appliance.Host.Sync;

namespace Appliance.Host.Tests.Sync;

public sealed class SharedConfigTextTests
{
    private const string Shared1 = "global\n    maxconn 100\n\ndefaults\n    mode http\n";
    private const string Local = "ha\n    interface eth1\n    priority 150 # lb1 only\n\n";
    private const string Shared2 = "frontend www\n    bind :80\n";

    [Fact]
    public void Split_HaSectionInTheMiddle_LocalIsTheSectionSharedIsTheRestInOrder()
    {
        var (shared, local) = SharedConfigText.Split(Shared1 + Local + Shared2);

        Assert.Equal(Shared1 + Shared2, shared);
        Assert.Equal(Local, local);
    }

    [Fact]
    public void Split_NoHaSection_AllShared()
    {
        Assert.Equal((Shared1 + Shared2, string.Empty), SharedConfigText.Split(Shared1 + Shared2));
    }

    [Fact]
    public void Split_IndentedSectionKeywordAndCommentNamingHa_TellsSectionsByTheFirstWord()
    {
        const string Text = "# ha settings below\nglobal\n  ha_not_a_section x\n   ha   \n    interface lo\n\tbackend b\n    server s 127.0.0.1:1\n";

        var (shared, local) = SharedConfigText.Split(Text);

        Assert.Equal("# ha settings below\nglobal\n  ha_not_a_section x\n\tbackend b\n    server s 127.0.0.1:1\n", shared);
        Assert.Equal("   ha   \n    interface lo\n", local);
    }

    [Fact]
    public void Split_CrLfAndNoFinalNewline_KeepsBytes()
    {
        var (shared, local) = SharedConfigText.Split("defaults\r\n    mode tcp\r\nha\r\n    interface lo");

        Assert.Equal("defaults\r\n    mode tcp\r\n", shared);
        Assert.Equal("ha\r\n    interface lo", local);
    }

    [Fact]
    public void Combine_SharedAndLocal_LocalAfterOneBlankLineAndSplitsBack()
    {
        var combined = SharedConfigText.Combine(Shared1 + Shared2 + "\n\n", "ha\n    interface eth1");

        Assert.Equal(Shared1 + Shared2 + "\nha\n    interface eth1\n", combined);
        Assert.Equal("ha\n    interface eth1\n", SharedConfigText.Split(combined).Local);
    }

    [Fact]
    public void Combine_NoLocal_SharedUnchanged()
    {
        Assert.Equal(Shared1, SharedConfigText.Combine(Shared1, string.Empty));
    }

    [Fact]
    public void Shared_WhereTheHaSectionSitsAndTrailingBlankLines_MakeNoDifference()
    {
        var a = SharedConfigText.Shared(Shared1 + Local + Shared2);
        var b = SharedConfigText.Shared(Local + Shared1 + Shared2 + "\n\n");

        Assert.Equal(Shared1 + Shared2, a);
        Assert.Equal(a, b);
    }
}
