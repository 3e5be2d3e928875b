using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>How copying a message body ended.</summary>
/// <param name="Status">Complete, or why not.</param>
/// <param name="Reason">Why a malformed body was refused; <see cref="RejectReason.None"/> otherwise.</param>
/// <param name="SourceOverrun">
/// The body is complete but a direct read took bytes that followed it (a server that sent more than its response):
/// they were dropped, so the source connection must not carry another message.
/// </param>
internal readonly record struct BodyCopyResult(BodyCopyStatus Status, RejectReason Reason = RejectReason.None, bool SourceOverrun = false);
