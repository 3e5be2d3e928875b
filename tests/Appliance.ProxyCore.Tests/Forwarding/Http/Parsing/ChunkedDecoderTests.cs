using System.Buffers;
using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using static Appliance.ProxyCore.Tests.Forwarding.Http.Parsing.Feed;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

public class ChunkedDecoderTests
{
    private const string Body = "5\r\nhello\r\n1;name=value;flag;q=\"a \\\" b\"\r\n \r\na ; x = y\r\n0123456789\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n";
    private const string Payload = "hello 0123456789";
    private const string Next = "GET /next HTTP/1.1\r\n";

    private static readonly ChunkedDecoderOptions s_drop = new() { Trailers = TrailerHandling.Drop };

    [Fact]
    public void Validate_WholeBody_ForwardsEveryByteAndStopsAtTheNextMessage()
    {
        var bytes = Bytes(Body + Next);
        var decoder = new ChunkedDecoder();

        var outcome = Chunked(decoder, bytes);

        Assert.Equal((ChunkedDecodeStatus.Complete, Body.Length, Body, false), (outcome.Status, outcome.End, outcome.OutputText, outcome.AppendFinalCrlf));
        Assert.True(decoder.IsComplete);
        Assert.Equal(Payload.Length, decoder.PayloadLength);
    }

    [Fact]
    public void Read_WholeBody_YieldsOnlyThePayload()
    {
        var outcome = Chunked(new ChunkedDecoder(), Bytes(Body + Next), read: true);

        Assert.Equal((ChunkedDecodeStatus.Complete, Body.Length, Payload), (outcome.Status, outcome.End, outcome.OutputText));
    }

    [Fact]
    public void ValidateAndRead_SplitIntoTwoReadsAtEveryIndexAndOneByteSegments_SameOutput()
    {
        var bytes = Bytes(Body + Next);
        for (var split = 1; split < Body.Length; split++)
        {
            var validated = Chunked(new ChunkedDecoder(), bytes, step: split, segmentSize: 1);
            var read = Chunked(new ChunkedDecoder(), bytes, step: split, segmentSize: 3, read: true);

            Assert.Equal((ChunkedDecodeStatus.Complete, Body.Length, Body), (validated.Status, validated.End, validated.OutputText));
            Assert.Equal((ChunkedDecodeStatus.Complete, Body.Length, Payload), (read.Status, read.End, read.OutputText));
        }
    }

    [Fact]
    public void ValidateAndRead_OneByteAtATime_SameOutput()
    {
        var bytes = Bytes(Body + Next);

        var validated = Chunked(new ChunkedDecoder(), bytes, step: 1);
        var read = Chunked(new ChunkedDecoder(), bytes, step: 1, read: true);

        Assert.Equal((ChunkedDecodeStatus.Complete, Body.Length, Body), (validated.Status, validated.End, validated.OutputText));
        Assert.Equal((ChunkedDecodeStatus.Complete, Body.Length, Payload), (read.Status, read.End, read.OutputText));
    }

    [Fact]
    public void Read_DataAcrossSegments_ReturnedAsSlicesOfTheInputWithoutCopy()
    {
        var bytes = Bytes("a\r\n0123456789\r\n0\r\n\r\n");
        var buffer = TestSequence.Create(bytes, segmentSize: 5);
        var decoder = new ChunkedDecoder();

        var result = decoder.Read(buffer, out var data);

        Assert.Equal(ChunkedDecodeStatus.Data, result.Status);
        Assert.False(data.IsSingleSegment);
        Assert.Equal("0123456789", Encoding.ASCII.GetString(data.ToArray()));
        Assert.Equal(buffer.GetPosition(3).GetObject(), data.Start.GetObject());
        Assert.Equal(ChunkedDecodeStatus.Complete, decoder.Read(buffer.Slice(result.Consumed), out _).Status);
    }

    [Fact]
    public void Validate_DropTrailers_ForwardsAllButTheTrailerFieldsAndAsksForTheFinalCrlf()
    {
        var bytes = Bytes(Body + Next);
        var expected = Body[..(Body.IndexOf("0\r\nX-", StringComparison.Ordinal) + 3)];

        for (var step = 1; step <= bytes.Length; step++)
        {
            var outcome = Chunked(new ChunkedDecoder(s_drop), bytes, step: step);

            Assert.Equal((ChunkedDecodeStatus.Complete, Body.Length, expected, true), (outcome.Status, outcome.End, outcome.OutputText, outcome.AppendFinalCrlf));
        }

        // What goes out is itself a valid chunked body once the final CRLF is added.
        var forwarded = Bytes(expected + "\r\n");
        Assert.Equal(ChunkedDecodeStatus.Complete, Chunked(new ChunkedDecoder(), forwarded).Status);
        Assert.Equal("\r\n", Encoding.ASCII.GetString(ChunkedDecoder.FinalCrlf.Span));
    }

    [Fact]
    public void Validate_DropTrailersWithNoTrailers_StillAppendsTheFinalCrlf()
    {
        var outcome = Chunked(new ChunkedDecoder(s_drop), Bytes("3\r\nabc\r\n0\r\n\r\n"));

        Assert.Equal(("3\r\nabc\r\n0\r\n", true), (outcome.OutputText, outcome.AppendFinalCrlf));
    }

    [Fact]
    public void Validate_IncompleteBody_NeedMoreDataHavingConsumedEverything()
    {
        var decoder = new ChunkedDecoder();
        var buffer = new ReadOnlySequence<byte>(Bytes("5;a=b\r\nhel"));

        var result = decoder.Validate(buffer);

        Assert.Equal(ChunkedDecodeStatus.NeedMoreData, result.Status);
        Assert.Equal(buffer.End, result.Consumed);
        Assert.Equal(buffer.End, result.Examined);
        Assert.Equal(buffer.End, result.ForwardEnd);
        Assert.False(decoder.IsComplete);
        Assert.Equal(3, decoder.PayloadLength);
    }

    [Theory]
    [InlineData("A\r\n0123456789\r\n0\r\n\r\n")]
    [InlineData("a\r\n0123456789\r\n0\r\n\r\n")]
    [InlineData("000a\r\n0123456789\r\n00\r\n\r\n")]
    [InlineData("5;e\r\nhello\r\n0;last=\"\"\r\n\r\n")]
    [InlineData("5\t;\te\t=\tv\r\nhello\r\n0\r\n\r\n")]
    [InlineData("5;e=\"tab\tand \\\\ quote\\\"\"\r\nhello\r\n0\r\n\r\n")]
    [InlineData("0\r\n\r\n")]
    [InlineData("0\r\nX-Empty:\r\nX-Latin: caf\u00e9\r\n\r\n")]
    public void Validate_ValidBodies_Complete(string body)
    {
        var outcome = Chunked(new ChunkedDecoder(), Bytes(body));

        Assert.Equal((ChunkedDecodeStatus.Complete, body.Length, RejectReason.None), (outcome.Status, outcome.End, outcome.Reason));
    }

    [Fact]
    public void Validate_LargestSizeThatFitsALong_Accepted()
    {
        var decoder = new ChunkedDecoder();

        var result = decoder.Validate(new ReadOnlySequence<byte>(Bytes("7fffffffffffffff\r\nabc")));

        Assert.Equal(ChunkedDecodeStatus.NeedMoreData, result.Status);
        Assert.Equal(3, decoder.PayloadLength);
    }

    [Theory]
    [InlineData("0x5\r\nhello\r\n0\r\n\r\n", RejectReason.ChunkSizeInvalid)]
    [InlineData("-1\r\n", RejectReason.ChunkSizeInvalid)]
    [InlineData("g\r\n", RejectReason.ChunkSizeInvalid)]
    [InlineData("\r\n", RejectReason.ChunkSizeInvalid)]
    [InlineData(" 5\r\n", RejectReason.ChunkSizeInvalid)]
    [InlineData("5 \r\n", RejectReason.ChunkSizeInvalid)]
    [InlineData("5 x\r\n", RejectReason.ChunkSizeInvalid)]
    [InlineData("10000000000000000\r\n", RejectReason.ChunkSizeOverflow)]
    [InlineData("8000000000000000\r\n", RejectReason.ChunkSizeOverflow)]
    [InlineData("5 ;\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;=v\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a=\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a \r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a=b \r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a=b c\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a=\"unterminated\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a=\"x\"y\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a=\"\u00e9\"\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a=\"\\\u0001\"\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a\u0000=b\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5;a=b\u007f\r\n", RejectReason.ChunkExtensionInvalid)]
    [InlineData("5\n", RejectReason.BareLineFeed)]
    [InlineData("5;a=b\n", RejectReason.BareLineFeed)]
    [InlineData("5;a=\"x\ny\"\r\n", RejectReason.BareLineFeed)]
    [InlineData("5\rX", RejectReason.BareCarriageReturn)]
    [InlineData("5\r\nhello\n", RejectReason.BareLineFeed)]
    [InlineData("5\r\nhello\rX", RejectReason.BareCarriageReturn)]
    [InlineData("5\r\nhelloX\r\n", RejectReason.ChunkDataOverrun)]
    [InlineData("3\r\nhello\r\n", RejectReason.ChunkDataOverrun)]
    [InlineData("0\r\n\n", RejectReason.BareLineFeed)]
    [InlineData("0\r\n\rX", RejectReason.BareCarriageReturn)]
    [InlineData("0\r\nX: a\n", RejectReason.BareLineFeed)]
    [InlineData("0\r\nX: a\rb", RejectReason.BareCarriageReturn)]
    [InlineData("0\r\n X: a\r\n", RejectReason.ObsFold)]
    [InlineData("0\r\nX: a\r\n\tb\r\n", RejectReason.ObsFold)]
    [InlineData("0\r\n: a\r\n", RejectReason.HeaderNameEmpty)]
    [InlineData("0\r\nX\r\n", RejectReason.HeaderColonMissing)]
    [InlineData("0\r\nX : a\r\n", RejectReason.HeaderNameWhitespace)]
    [InlineData("0\r\nX(: a\r\n", RejectReason.HeaderNameInvalid)]
    [InlineData("0\r\n(X: a\r\n", RejectReason.HeaderNameInvalid)]
    [InlineData("0\r\nX: a\u0000\r\n", RejectReason.HeaderValueControlChar)]
    [InlineData("0\r\nContent-Length: 5\r\n", RejectReason.TrailerFieldForbidden)]
    [InlineData("0\r\ntransfer-encoding: chunked\r\n", RejectReason.TrailerFieldForbidden)]
    [InlineData("0\r\nHOST: evil\r\n", RejectReason.TrailerFieldForbidden)]
    public void Validate_MalformedBody_RefusedWithReasonWhateverTheSplit(string body, RejectReason reason)
    {
        var bytes = Bytes(body);

        var whole = Chunked(new ChunkedDecoder(), bytes);
        var byteByByte = Chunked(new ChunkedDecoder(), bytes, step: 1, segmentSize: 1);
        var read = Chunked(new ChunkedDecoder(), bytes, step: 2, read: true);

        Assert.Equal((ChunkedDecodeStatus.Error, reason), (whole.Status, whole.Reason));
        Assert.Equal((ChunkedDecodeStatus.Error, reason), (byteByByte.Status, byteByByte.Reason));
        Assert.Equal((ChunkedDecodeStatus.Error, reason), (read.Status, read.Reason));
    }

    [Fact]
    public void Validate_ForbiddenNamePrefixesAndLongNames_Accepted()
    {
        var outcome = Chunked(new ChunkedDecoder(), Bytes("0\r\nContent-Lengthy: 1\r\nHosts: 2\r\nTransfer-Encoding-X: 3\r\nX-Content-Length: 4\r\n\r\n"));

        Assert.Equal(ChunkedDecodeStatus.Complete, outcome.Status);
    }

    [Fact]
    public void Validate_ExtensionLengthLimit_AtTheLimitAcceptedOneMoreRefused()
    {
        var options = new ChunkedDecoderOptions { MaxChunkExtensionLength = 10 };

        var fits = Chunked(new ChunkedDecoder(options), Bytes("1;abcdefghi\r\nx\r\n0\r\n\r\n"));
        var over = Chunked(new ChunkedDecoder(options), Bytes("1;abcdefghij\r\nx\r\n0\r\n\r\n"));

        Assert.Equal(ChunkedDecodeStatus.Complete, fits.Status);
        Assert.Equal((ChunkedDecodeStatus.Error, RejectReason.ChunkExtensionTooLong), (over.Status, over.Reason));
    }

    [Fact]
    public void Validate_ExtensionLimit_CountsPerChunkLine()
    {
        var options = new ChunkedDecoderOptions { MaxChunkExtensionLength = 4 };

        var outcome = Chunked(new ChunkedDecoder(options), Bytes("1;abc\r\nx\r\n1;abc\r\ny\r\n0;abc\r\n\r\n"));

        Assert.Equal(ChunkedDecodeStatus.Complete, outcome.Status);
    }

    [Fact]
    public void Validate_TrailerLimits_AtTheLimitAcceptedOneMoreRefused()
    {
        var options = new ChunkedDecoderOptions { MaxTrailerSectionSize = 12, MaxTrailerCount = 2 };

        Assert.Equal(ChunkedDecodeStatus.Complete, Chunked(new ChunkedDecoder(options), Bytes("0\r\nA: 1\r\nB:\r\n\r\n")).Status);
        Assert.Equal(RejectReason.TrailerSectionTooLarge, Chunked(new ChunkedDecoder(options), Bytes("0\r\nA: 12\r\nB:\r\n\r\n")).Reason);
        Assert.Equal(RejectReason.TrailerCountExceeded, Chunked(new ChunkedDecoder(options), Bytes("0\r\nA:\r\nB:\r\nC:\r\n\r\n")).Reason);
    }

    [Fact]
    public void Reset_AfterComplete_DecodesTheNextBody()
    {
        var decoder = new ChunkedDecoder();
        Assert.Equal(ChunkedDecodeStatus.Complete, Chunked(decoder, Bytes("3\r\nabc\r\n0\r\n\r\n")).Status);

        decoder.Reset();
        var second = Chunked(decoder, Bytes("2\r\nde\r\n0\r\n\r\n"), read: true);

        Assert.Equal((ChunkedDecodeStatus.Complete, "de", 2L), (second.Status, second.OutputText, decoder.PayloadLength));
    }

    [Fact]
    public void Validate_AfterCompleteWithoutReset_Throws()
    {
        var decoder = new ChunkedDecoder();
        Assert.Equal(ChunkedDecodeStatus.Complete, Chunked(decoder, Bytes("0\r\n\r\n")).Status);

        Assert.Throws<InvalidOperationException>(() => decoder.Validate(new ReadOnlySequence<byte>(Bytes("0\r\n\r\n"))));
    }

    [Fact]
    public void Validate_WarmDecoder_AllocatesNothing()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes(Body));
        var decoder = new ChunkedDecoder();
        decoder.Validate(buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            decoder.Reset();
            decoder.Validate(buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
