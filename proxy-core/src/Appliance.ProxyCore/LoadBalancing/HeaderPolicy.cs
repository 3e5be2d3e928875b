using System.Buffers;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// <c>balance hdr(NAME) [use_domain_only]</c>: the named request header's value hashed over the weighted candidates
/// (<c>hash-type map-based</c>). The configuration parser passes <c>hdr(NAME)</c> as algorithm <c>hdr</c> with NAME as
/// argument 0. With <c>use_domain_only</c> only the main domain label is hashed (<c>haproxy.1wt.eu</c> hashes
/// <c>1wt</c>). A missing or empty header falls back to round-robin.
/// </summary>
public sealed class HeaderPolicy : ILoadBalancingPolicy
{
    private const string UseDomainOnly = "use_domain_only";

    // RFC 9110 section 5.6.2: a header name is a token.
    private static readonly SearchValues<char> s_tokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public string Name => "hdr";

    public string? ValidateArguments(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0 || arguments[0].Length == 0)
        {
            return "'balance hdr' expects a header name as hdr(NAME)";
        }

        if (arguments[0].AsSpan().ContainsAnyExcept(s_tokenChars))
        {
            return $"'balance hdr' expects a header name as hdr(NAME) (got '{arguments[0]}', which is not a valid header name)";
        }

        if (arguments.Count > 2 || (arguments.Count == 2 && arguments[1] != UseDomainOnly))
        {
            var extra = string.Join(' ', arguments.Skip(1));
            return $"'balance hdr({arguments[0]})' accepts only '{UseDomainOnly}' after the header name (got '{extra}')";
        }

        return null;
    }

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers)
    {
        PolicyArguments.ThrowIfInvalid(ValidateArguments(config.Arguments));
        return new HeaderBalancer(config.Arguments[0], config.Arguments.Count == 2, servers.Count);
    }
}
