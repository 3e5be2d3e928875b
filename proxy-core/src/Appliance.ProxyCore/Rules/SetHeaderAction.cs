using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>set-header NAME FMT</c>: removes every field line named NAME, then adds one. The value is rendered before the
/// removal, so <c>set-header X %[req.hdr(X)]</c> still reads the old value (as HAProxy does).
/// </summary>
public sealed class SetHeaderAction(string header, LogFormatString value) : HttpAction
{
    public override string Name => "set-header";

    public string Header { get; } = header;

    public LogFormatString Value { get; } = value;

    public override RuleOutcome Execute(in ActionTarget target)
    {
        var value = target.Transaction.Render(Value);
        var headers = target.Headers;
        for (var i = headers.HeaderCount - 1; i >= 0; i--)
        {
            if (HeaderValues.NameEquals(headers.GetHeaderName(i), Header))
            {
                headers.RemoveHeader(i);
            }
        }

        headers.AddHeader(Header, value);
        return RuleOutcome.Continue;
    }
}
