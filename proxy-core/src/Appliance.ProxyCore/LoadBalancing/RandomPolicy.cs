using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// <c>balance random</c> / <c>random(N)</c>: N servers drawn at random in proportion to their effective weights, the
/// least loaded of them taken (power of N choices). N defaults to 2, as in HAProxy; <c>random(1)</c> is plain weighted
/// random. The configuration parser passes <c>random(N)</c> as algorithm <c>random</c> with N as argument 0.
/// </summary>
public sealed class RandomPolicy : ILoadBalancingPolicy
{
    /// <summary>HAProxy's default number of draws.</summary>
    public const int DefaultDraws = 2;

    private readonly Func<int, int> _nextBelow;

    /// <param name="nextBelow">
    /// Returns a uniformly random integer in [0, argument); called concurrently, so it must be thread-safe. Default
    /// <see cref="Random.Shared"/>; tests inject a seeded source.
    /// </param>
    public RandomPolicy(Func<int, int>? nextBelow = null)
    {
        _nextBelow = nextBelow ?? Random.Shared.Next;
    }

    public string Name => "random";

    public string? ValidateArguments(IReadOnlyList<string> arguments) => TryParseDraws(arguments, out _);

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers)
    {
        PolicyArguments.ThrowIfInvalid(TryParseDraws(config.Arguments, out var draws));
        return new RandomBalancer(draws, _nextBelow);
    }

    private static string? TryParseDraws(IReadOnlyList<string> arguments, out int draws)
    {
        draws = DefaultDraws;
        if (arguments.Count == 0)
        {
            return null;
        }

        if (arguments.Count > 1 || !PolicyArguments.TryParsePositive(arguments[0], out draws))
        {
            return $"'balance random' expects a positive number of draws as random(N) (got '{string.Join(' ', arguments)}')";
        }

        return null;
    }
}
