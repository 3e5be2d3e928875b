using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

/// <summary>A head parse's outcome with offsets into the whole input.</summary>
internal readonly record struct HeadOutcome(HttpParseStatus Status, RejectReason Reason, int StatusCode, int End, int Calls)
{
    public string Code => RejectReasons.Code(Reason);
}
