using Appliance.ProxyCore.LoadBalancing;

namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// Every <c>balance</c> line must name an algorithm of the registry, and its arguments must suit the algorithm
/// (the policy's own <see cref="ILoadBalancingPolicy.ValidateArguments"/>). Backends without a <c>balance</c> line
/// use HAProxy's built-in roundrobin and are not checked here.
/// </summary>
public sealed class BalanceValidator(LoadBalancingPolicyRegistry registry) : IConfigValidator
{
    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        foreach (var proxy in config.Backends)
        {
            if (proxy.BalanceLocation is not { } location)
            {
                continue;
            }

            var balance = proxy.Balance;
            var where = BackendReferenceValidator.Where(proxy, location);
            if (!registry.TryGet(balance.Algorithm, out var policy))
            {
                bag.Error(location, ConfigMessages.ExpectsOneOf("balance", where, registry.Names, balance.Algorithm, Hint(balance)));
                continue;
            }

            if (policy.ValidateArguments(balance.Arguments) is { } problem)
            {
                bag.Error(location, ConfigMessages.BadBalanceArguments(balance.Algorithm, where, problem));
            }
        }
    }

    /// <summary>
    /// A misspelt name, or a name split in words ('round robin', 'static rr'): the words joined plainly or with '-'
    /// are tried before the nearest name.
    /// </summary>
    private string? Hint(BalanceConfig balance)
    {
        var words = balance.Arguments.Prepend(balance.Algorithm).ToList();
        for (var count = words.Count; count >= 2; count--)
        {
            foreach (var joined in new[] { string.Concat(words.Take(count)), string.Join('-', words.Take(count)) })
            {
                if (registry.TryGet(joined, out _))
                {
                    return joined;
                }
            }
        }

        return Parsing.NearestMatch.Find(balance.Algorithm, registry.Names);
    }
}
