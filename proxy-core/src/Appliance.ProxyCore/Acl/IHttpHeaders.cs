namespace Appliance.ProxyCore.Acl;

/// <summary>
/// The field lines of a request or response head, in the order received, duplicates kept. Index-based so that rules and
/// fetches walk them without allocating an enumerator. Names compare ASCII case-insensitively (RFC 9110 §5.1).
/// </summary>
public interface IHttpHeaders
{
    /// <summary>The number of field lines; 0 in TCP mode.</summary>
    int HeaderCount { get; }

    /// <summary>The name of the field line at <paramref name="index"/> (0 = first received), as sent.</summary>
    ReadOnlySpan<char> GetHeaderName(int index);

    /// <summary>The whole value of the field line at <paramref name="index"/>, without surrounding whitespace.</summary>
    ReadOnlySpan<char> GetHeaderValue(int index);
}
