using System.Globalization;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>Argument checks and messages shared by the balancing policies, in HAProxy's wording.</summary>
internal static class PolicyArguments
{
    /// <summary>The message for an algorithm that takes no arguments, or null when none were given.</summary>
    public static string? None(string algorithm, IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? null : $"'balance {algorithm}' takes no arguments (got '{string.Join(' ', arguments)}')";

    /// <summary>Parses a strictly positive decimal integer (no sign, no spaces).</summary>
    public static bool TryParsePositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <summary>Throws the validation message when <see cref="ILoadBalancingPolicy.Create"/> gets arguments validation refused.</summary>
    public static void ThrowIfInvalid(string? error)
    {
        if (error is not null)
        {
            throw new ArgumentException(error);
        }
    }
}
