using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

public class RejectReasonsTests
{
    private static readonly int[] s_documentedStatuses = [400, 431, 501, 502, 505];

    [Fact]
    public void Table_EveryEnumMember_HasOneEntry()
    {
        Assert.Equal(Enum.GetValues<RejectReason>().Length, RejectReasons.Count);
        Assert.Equal(RejectReasons.Count - 1, (int)Enum.GetValues<RejectReason>().Max());
    }

    [Fact]
    public void Table_Codes_UniqueLowercaseAndRoundTrip()
    {
        var codes = Enum.GetValues<RejectReason>().Select(RejectReasons.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            var code = RejectReasons.Code(reason);
            Assert.Matches("^[a-z0-9-]+$", code);
            Assert.True(RejectReasons.TryParseCode(code, out var parsed));
            Assert.Equal(reason, parsed);
            Assert.False(string.IsNullOrWhiteSpace(RejectReasons.Message(reason)));
        }
    }

    [Fact]
    public void Table_RequestStatuses_AreTheDocumentedOnes()
    {
        foreach (var reason in Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None))
        {
            Assert.Contains(RejectReasons.RequestStatusCode(reason), s_documentedStatuses);
        }

        Assert.Equal(431, RejectReasons.RequestStatusCode(RejectReason.HeaderSectionTooLarge));
        Assert.Equal(431, RejectReasons.RequestStatusCode(RejectReason.HeaderCountExceeded));
        Assert.Equal(501, RejectReasons.RequestStatusCode(RejectReason.TransferEncodingUnsupported));
        Assert.Equal(505, RejectReasons.RequestStatusCode(RejectReason.VersionUnsupported));
        Assert.Equal("invalid Content-Length value", RejectReasons.Message(RejectReason.ContentLengthInvalid));
    }

    [Fact]
    public void TryParseCode_UnknownCode_False()
    {
        Assert.False(RejectReasons.TryParseCode("no-such-code", out var reason));
        Assert.Equal(RejectReason.None, reason);
    }

    [Fact]
    public void Code_OutOfRangeValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RejectReasons.Code((RejectReason)999));
    }
}
