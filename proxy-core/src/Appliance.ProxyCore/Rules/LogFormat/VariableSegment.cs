using System.Globalization;
using System.Text;
using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary>A variable such as <c>%ci</c>; see <see cref="LogVariable"/> for what each one writes.</summary>
public sealed class VariableSegment(LogVariable variable, string alias, LogFormatFlags flags) : LogFormatSegment
{
    public LogVariable Variable { get; } = variable;

    /// <summary>The name as written, e.g. <c>ci</c>.</summary>
    public string Alias { get; } = alias;

    public LogFormatFlags Flags { get; } = flags;

    public override void Append(HttpTransaction transaction, StringBuilder output)
    {
        var request = transaction.Request;
        switch (Variable)
        {
            case LogVariable.ClientIp:
                LogValueWriter.Address(output, request.ClientAddress, Flags);
                break;
            case LogVariable.ClientPort:
                LogValueWriter.Number(output, request.ClientPort, Flags);
                break;
            case LogVariable.FrontendIp:
                LogValueWriter.Address(output, request.FrontendAddress, Flags);
                break;
            case LogVariable.FrontendPort:
                LogValueWriter.Number(output, request.FrontendPort, Flags);
                break;
            case LogVariable.FrontendName:
                LogValueWriter.Text(output, transaction.FrontendName, Flags);
                break;
            case LogVariable.FrontendTransport:
                LogValueWriter.Text(output, transaction.FrontendName, Flags & ~LogFormatFlags.Quote);
                if (request.IsTls)
                {
                    output.Append('~');
                }

                break;
            case LogVariable.BackendName:
                LogValueWriter.OptionalText(output, transaction.BackendName, Flags);
                break;
            case LogVariable.ServerName:
                LogValueWriter.OptionalText(output, transaction.ServerName, Flags);
                break;
            case LogVariable.BackendSourceIp:
                LogValueWriter.Address(output, transaction.BackendSourceAddress, Flags);
                break;
            case LogVariable.BackendSourcePort:
                LogValueWriter.Number(output, transaction.BackendSourcePort, Flags);
                break;
            case LogVariable.ServerIp:
                LogValueWriter.Address(output, transaction.ServerAddress, Flags);
                break;
            case LogVariable.ServerPort:
                LogValueWriter.Number(output, transaction.ServerPort, Flags);
                break;
            case LogVariable.Status:
                LogValueWriter.Number(output, transaction.Response?.Status ?? -1, Flags);
                break;
            case LogVariable.HostName:
                LogValueWriter.Text(output, transaction.HostName, Flags);
                break;
            default:
                AppendRequestOrTime(transaction, output);
                break;
        }
    }

    public override string ToString() => Flags == LogFormatFlags.None ? $"%{Alias}" : $"%{{{LogFormatParser.DescribeFlags(Flags)}}}{Alias}";

    private void AppendRequestOrTime(HttpTransaction transaction, StringBuilder output)
    {
        var request = transaction.Request;
        switch (Variable)
        {
            case LogVariable.Method:
                LogValueWriter.Text(output, request.Method, Flags);
                break;
            case LogVariable.Path:
                LogValueWriter.Text(output, HttpTarget.TryGetPath(request.Url, out var path) ? path : request.Url, Flags);
                break;
            case LogVariable.Uri:
                LogValueWriter.Text(output, request.Url, Flags);
                break;
            case LogVariable.Version:
                if (request.IsHttp)
                {
                    output.Append("HTTP/").Append(request.Version);
                }

                break;
            case LogVariable.RequestLine:
                var quote = (Flags & LogFormatFlags.Quote) != 0;
                output.Append(quote ? "\"" : "").Append(request.Method).Append(' ').Append(request.Url).Append(" HTTP/").Append(request.Version).Append(quote ? "\"" : "");
                break;
            case LogVariable.ServerResponseTime:
                LogValueWriter.Number(output, transaction.ServerResponseTime, Flags);
                break;
            case LogVariable.ActiveTime:
                LogValueWriter.Number(output, transaction.ActiveTime, Flags);
                break;
            case LogVariable.BytesRead:
                LogValueWriter.Number(output, transaction.BytesRead, Flags);
                break;
            case LogVariable.Date:
                output.Append(CultureInfo.InvariantCulture, $"{transaction.AcceptTime:dd/MMM/yyyy:HH:mm:ss.fff}");
                break;
            case LogVariable.GmtDate:
                output.Append(CultureInfo.InvariantCulture, $"{transaction.AcceptTime.UtcDateTime:dd/MMM/yyyy:HH:mm:ss} +0000");
                break;
            case LogVariable.ProcessId:
                LogValueWriter.Number(output, transaction.ProcessId, Flags);
                break;
            default:
                LogValueWriter.OptionalText(output, transaction.UniqueId, Flags);
                break;
        }
    }
}
