using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

public class MalformedRequestCorpusTests
{
    public static IEnumerable<object[]> Names => MalformedRequestCorpus.Names;

    /// <summary>Runs a whole request (head, then a chunked body if any) and reports the refusal.</summary>
    private static (int Status, string Code, MalformedPart Part) Run(MalformedRequest request, int step, int segmentSize)
    {
        using var head = new HttpRequestHead();
        var outcome = Feed.Request(new HttpRequestParser(), head, request.Raw, step: step, segmentSize: segmentSize);
        if (outcome.Status == HttpParseStatus.Error)
        {
            return (outcome.StatusCode, outcome.Code, MalformedPart.Head);
        }

        Assert.True(outcome.Status == HttpParseStatus.Complete, $"{request.Name}: head never completed: {request.Escaped}");
        Assert.True(head.Framing == BodyFraming.Chunked, $"{request.Name}: accepted with framing {head.Framing}: {request.Escaped}");
        var body = Feed.Chunked(new ChunkedDecoder(), request.Raw, outcome.End, step, segmentSize);
        Assert.True(body.Status == ChunkedDecodeStatus.Error, $"{request.Name}: body accepted ({body.Status}): {request.Escaped}");
        return (RejectReasons.RequestStatusCode(body.Reason), RejectReasons.Code(body.Reason), MalformedPart.Body);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_WholeRequestInOneBuffer_RefusedWithExpectedStatusAndReason(string name)
    {
        var request = MalformedRequestCorpus.Get(name);

        var (status, code, part) = Run(request, int.MaxValue, 0);

        Assert.Equal((request.ExpectedStatus, request.ExpectedReason, request.Part), (status, code, part));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_OneByteAtATime_SameRefusal(string name)
    {
        var request = MalformedRequestCorpus.Get(name);

        var (status, code, part) = Run(request, 1, 0);

        Assert.Equal((request.ExpectedStatus, request.ExpectedReason, request.Part), (status, code, part));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_ThreeByteSegmentsSevenBytesPerRead_SameRefusal(string name)
    {
        var request = MalformedRequestCorpus.Get(name);

        var (status, code, part) = Run(request, 7, 3);

        Assert.Equal((request.ExpectedStatus, request.ExpectedReason, request.Part), (status, code, part));
    }

    [Fact]
    public void Corpus_Size_AtLeastFortyEntriesWithUniqueNames()
    {
        Assert.True(MalformedRequestCorpus.All.Count >= 40, $"only {MalformedRequestCorpus.All.Count} entries");
        Assert.Equal(MalformedRequestCorpus.All.Count, MalformedRequestCorpus.All.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Corpus_ExpectedReasons_AreCodesOfTheTableWithMatchingStatus()
    {
        foreach (var request in MalformedRequestCorpus.All)
        {
            Assert.True(RejectReasons.TryParseCode(request.ExpectedReason, out var reason), $"{request.Name}: unknown code {request.ExpectedReason}");
            Assert.Equal(RejectReasons.RequestStatusCode(reason), request.ExpectedStatus);
        }
    }

    [Fact]
    public void Corpus_Reasons_CoverEveryReasonARequestCanGet()
    {
        var responseOnly = new[] { RejectReason.None, RejectReason.StatusLineInvalid, RejectReason.StatusCodeInvalid };
        var covered = MalformedRequestCorpus.All.Select(r => r.ExpectedReason).ToHashSet();

        var missing = Enum.GetValues<RejectReason>().Except(responseOnly).Select(RejectReasons.Code).Where(c => !covered.Contains(c)).ToList();

        Assert.Empty(missing);
    }
}
