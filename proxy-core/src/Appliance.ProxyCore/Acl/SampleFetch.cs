namespace Appliance.ProxyCore.Acl;

/// <summary>
/// A sample fetch such as <c>path</c>, <c>hdr(host)</c> or <c>src</c>: reads one kind of value from the request,
/// the response or the connection. Built once at configuration time; evaluation allocates nothing.
/// </summary>
public abstract class SampleFetch
{
    /// <summary>The fetch as written in the configuration, e.g. <c>hdr(host)</c>; used in messages.</summary>
    public abstract string Name { get; }

    public abstract SampleType Type { get; }

    /// <summary>
    /// The single value used by log formats and converters: for multi-valued fetches the last occurrence (HAProxy's
    /// rule outside ACLs) unless the fetch names one. False when there is no value.
    /// </summary>
    public abstract bool TryFetch(in SampleContext context, out Sample sample);

    /// <summary>
    /// Hands every value to <paramref name="visitor"/> until it returns true (ACLs test every occurrence of a header).
    /// The default visits the single value of <see cref="TryFetch"/>.
    /// </summary>
    public virtual bool VisitAll(in SampleContext context, ISampleVisitor visitor) =>
        TryFetch(context, out var sample) && visitor.Visit(sample);

    public override string ToString() => Name;
}
