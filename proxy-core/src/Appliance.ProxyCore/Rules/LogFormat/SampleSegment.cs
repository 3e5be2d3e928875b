using System.Text;
using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary><c>%[FETCH,CONVERTER...]</c>: the expression's single value, or <c>-</c> when there is none.</summary>
public sealed class SampleSegment(SampleExpression expression, LogFormatFlags flags) : LogFormatSegment
{
    public SampleExpression Expression { get; } = expression;

    public LogFormatFlags Flags { get; } = flags;

    public override void Append(HttpTransaction transaction, StringBuilder output)
    {
        if (!Expression.TryEvaluate(transaction.Samples, out var sample))
        {
            output.Append('-');
            return;
        }

        switch (sample.Type)
        {
            case SampleType.String:
                LogValueWriter.Text(output, sample.Text, Flags);
                break;
            case SampleType.Address:
                LogValueWriter.Address(output, sample.Address, Flags);
                break;
            default:
                LogValueWriter.Number(output, sample.Number, Flags);
                break;
        }
    }

    public override string ToString() => $"%[{Expression}]";
}
