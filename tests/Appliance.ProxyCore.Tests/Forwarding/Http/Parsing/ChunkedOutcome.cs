using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

/// <summary>A chunked run's outcome: where it stopped in the input and the bytes forwarded (Validate) or decoded (Read).</summary>
internal sealed record ChunkedOutcome(ChunkedDecodeStatus Status, RejectReason Reason, int End, byte[] Output, bool AppendFinalCrlf)
{
    public string OutputText => Encoding.Latin1.GetString(Output);
}
