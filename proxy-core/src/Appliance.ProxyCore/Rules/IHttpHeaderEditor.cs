using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// Header changes a rule may make. The editor is also the view, so a later rule's condition sees earlier changes
/// (as in HAProxy). Implementations copy the given spans; header names are passed as configured.
/// </summary>
public interface IHttpHeaderEditor : IHttpHeaders
{
    /// <summary>Appends a field line at the end of the head.</summary>
    void AddHeader(string name, ReadOnlySpan<char> value);

    /// <summary>Replaces the value of the field line at <paramref name="index"/>.</summary>
    void SetHeaderValue(int index, ReadOnlySpan<char> value);

    /// <summary>Removes the field line at <paramref name="index"/>; the lines after it move down by one.</summary>
    void RemoveHeader(int index);
}
