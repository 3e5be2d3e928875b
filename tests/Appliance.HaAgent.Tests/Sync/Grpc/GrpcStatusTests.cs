using System.Net;
using Appliance.HaAgent.Sync.Grpc;

namespace Appliance.HaAgent.Tests.Sync.Grpc;

public class GrpcStatusTests
{
    [Fact]
    public void Read_StatusAndEncodedMessage_DecodesBoth()
    {
        var headers = new Dictionary<string, string> { ["grpc-status"] = "16", ["grpc-message"] = "bad%20key%25" };
        var status = GrpcStatus.Read(name => headers.GetValueOrDefault(name));
        Assert.Equal(new GrpcStatus(StatusCode.Unauthenticated, "bad key%"), status);
    }

    [Fact]
    public void Read_NoStatus_IsNull()
    {
        Assert.Null(GrpcStatus.Read(_ => null));
    }

    [Fact]
    public void Read_NonNumericStatus_IsUnknown()
    {
        var status = GrpcStatus.Read(name => name == "grpc-status" ? "OK" : null);
        Assert.Equal(StatusCode.Unknown, status!.Value.Code);
        Assert.Equal("invalid grpc-status 'OK'", status.Value.Detail);
    }

    [Fact]
    public void StatusValueAndMessageValue_AreTheTrailerTexts()
    {
        var status = new GrpcStatus(StatusCode.DeadlineExceeded, "took 5%");
        Assert.Equal("4", status.StatusValue);
        Assert.Equal("took 5%25", status.MessageValue);
        Assert.Null(GrpcStatus.Ok.MessageValue);
    }

    [Fact]
    public void StatusCode_Numbers_AreTheWireValues()
    {
        Assert.Equal(0, (int)StatusCode.OK);
        Assert.Equal(4, (int)StatusCode.DeadlineExceeded);
        Assert.Equal(8, (int)StatusCode.ResourceExhausted);
        Assert.Equal(12, (int)StatusCode.Unimplemented);
        Assert.Equal(13, (int)StatusCode.Internal);
        Assert.Equal(16, (int)StatusCode.Unauthenticated);
        Assert.Equal(17, Enum.GetValues<StatusCode>().Length);
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(415, StatusCode.Unknown)]
    public void FromHttpStatus_FollowsTheMapping(int http, StatusCode expected)
    {
        Assert.Equal(expected, GrpcHttpMapping.FromHttpStatus((HttpStatusCode)http));
    }

    [Theory]
    [InlineData(0x0, StatusCode.Internal)]
    [InlineData(0x2, StatusCode.Internal)]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    [InlineData(0xc, StatusCode.PermissionDenied)]
    public void FromHttp2ErrorCode_FollowsTheSpec(long code, StatusCode expected)
    {
        Assert.Equal(expected, GrpcHttpMapping.FromHttp2ErrorCode(code));
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpc-web", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void IsGrpcContentType_AcceptsOnlyGrpc(string? contentType, bool expected)
    {
        Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));
    }

    [Theory]
    [InlineData("/appliance.sync.v1.Probe/Echo", true)]
    [InlineData("/Service/Method", true)]
    [InlineData("appliance.sync.v1.Probe/Echo", false)]
    [InlineData("/Probe", false)]
    [InlineData("/Probe/", false)]
    [InlineData("//Echo", false)]
    [InlineData("/a/b/c", false)]
    [InlineData("/a b/c", false)]
    public void IsValidMethodName_AcceptsOnlyServiceSlashMethod(string name, bool expected)
    {
        Assert.Equal(expected, GrpcProtocol.IsValidMethodName(name));
    }
}
