using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Configuration;

/// <summary>A named policy for validation tests; it balances by always taking the first candidate.</summary>
internal sealed class FakeBalancingPolicy(string name, Func<IReadOnlyList<string>, string?> validate) : ILoadBalancingPolicy
{
    public string Name => name;

    public string? ValidateArguments(IReadOnlyList<string> arguments) => validate(arguments);

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers) => new FirstCandidate();

    private sealed class FirstCandidate : ILoadBalancer
    {
        public ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context) => candidates[0];
    }
}
