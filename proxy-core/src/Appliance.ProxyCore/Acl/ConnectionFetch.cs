namespace Appliance.ProxyCore.Acl;

/// <summary><c>src</c>, <c>src_port</c>, <c>dst</c>, <c>dst_port</c>, <c>ssl_fc</c>, <c>ssl_fc_sni</c>: facts of the client connection.</summary>
public sealed class ConnectionFetch(string name, ConnectionValue value) : SampleFetch
{
    public override string Name { get; } = name;

    public ConnectionValue Value { get; } = value;

    public override SampleType Type => Value switch
    {
        ConnectionValue.Source or ConnectionValue.Destination => SampleType.Address,
        ConnectionValue.SourcePort or ConnectionValue.DestinationPort => SampleType.Integer,
        ConnectionValue.SslFrontend => SampleType.Boolean,
        _ => SampleType.String,
    };

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        var request = context.Request;
        switch (Value)
        {
            case ConnectionValue.Source:
                sample = Sample.FromAddress(request.ClientAddress);
                return true;
            case ConnectionValue.SourcePort:
                sample = Sample.FromInteger(request.ClientPort);
                return true;
            case ConnectionValue.Destination:
                sample = Sample.FromAddress(request.FrontendAddress);
                return true;
            case ConnectionValue.DestinationPort:
                sample = Sample.FromInteger(request.FrontendPort);
                return true;
            case ConnectionValue.SslFrontend:
                sample = Sample.FromBoolean(request.IsTls);
                return true;
            default:
                // No SNI is "no value" (HAProxy's fetch fails), so '-m found' tells clients that sent one.
                sample = Sample.FromText(request.SniHost);
                return !request.SniHost.IsEmpty;
        }
    }
}
