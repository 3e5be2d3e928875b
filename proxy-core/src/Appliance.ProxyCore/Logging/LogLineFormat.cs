namespace Appliance.ProxyCore.Logging;

/// <summary>
/// A compiled access-log format: <c>log-format</c>, or the formats <c>option httplog</c> and <c>option tcplog</c> stand for
/// (configuration manual 8.2.2 and 8.2.3), written into a caller's buffer without allocating.
/// </summary>
public sealed class LogLineFormat
{
    /// <summary>HAProxy 2.6's <c>option httplog</c>; an empty <c>%hr %hs</c> leaves one space, as there.</summary>
    public const string HttpLogText = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";

    /// <summary>HAProxy 2.6's <c>option tcplog</c>.</summary>
    public const string TcpLogText = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";

    private readonly LogLineNode[] _nodes;

    internal LogLineFormat(string source, LogLineNode[] nodes)
    {
        Source = source;
        _nodes = nodes;
    }

    /// <summary><c>option httplog</c>'s format.</summary>
    public static LogLineFormat HttpLog { get; } = LogLineFormatParser.Parse(HttpLogText, "option httplog", http: true, out _)!;

    /// <summary><c>option tcplog</c>'s format.</summary>
    public static LogLineFormat TcpLog { get; } = LogLineFormatParser.Parse(TcpLogText, "option tcplog", http: true, out _)!;

    /// <summary>The format as written.</summary>
    public string Source { get; }

    /// <summary>Writes the line of <paramref name="record"/> (cut when it does not fit) and returns its length.</summary>
    /// <param name="record">The transaction or connection.</param>
    /// <param name="zone">The time zone of local dates (HAProxy logs local time).</param>
    /// <param name="destination">The buffer.</param>
    public int Format(in HttpAccessRecord record, TimeZoneInfo zone, Span<byte> destination)
    {
        var w = new LogLineWriter(destination);
        var lastSpace = true;
        foreach (var node in _nodes)
        {
            switch (node.Kind)
            {
                case LogLineNodeKind.Separator when !lastSpace:
                    w.Byte((byte)' ');
                    lastSpace = true;
                    break;
                case LogLineNodeKind.Text:
                    w.Literal(node.Text);
                    lastSpace = false;
                    break;
                case LogLineNodeKind.Field:
                    lastSpace &= !LogFieldWriter.Write(ref w, node.Field, node.Quote, record, zone);
                    break;
            }
        }

        return w.Written;
    }

    public override string ToString() => Source;
}
