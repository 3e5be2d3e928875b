using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary><c>add-header NAME FMT</c>: appends a field line, keeping any existing one.</summary>
public sealed class AddHeaderAction(string header, LogFormatString value) : HttpAction
{
    public override string Name => "add-header";

    public string Header { get; } = header;

    public LogFormatString Value { get; } = value;

    public override RuleOutcome Execute(in ActionTarget target)
    {
        target.Headers.AddHeader(Header, target.Transaction.Render(Value));
        return RuleOutcome.Continue;
    }
}
