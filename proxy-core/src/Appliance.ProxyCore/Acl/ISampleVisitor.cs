namespace Appliance.ProxyCore.Acl;

/// <summary>Receives the values of a multi-valued fetch one by one; returning true stops the walk (a match was found).</summary>
public interface ISampleVisitor
{
    bool Visit(Sample sample);
}
