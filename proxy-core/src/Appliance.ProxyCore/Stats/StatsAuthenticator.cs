using System.Security.Cryptography;
using System.Text;

namespace Appliance.ProxyCore.Stats;

/// <summary>Checks an <c>Authorization: Basic ...</c> field (RFC 7617) against the <c>stats auth</c> accounts, in constant time per account.</summary>
public static class StatsAuthenticator
{
    /// <summary>True when there are no accounts, or when <paramref name="authorization"/> carries one of them.</summary>
    public static bool IsAuthorized(IReadOnlyList<StatsCredential> credentials, string? authorization)
    {
        if (credentials.Count == 0)
        {
            return true;
        }

        if (authorization is null)
        {
            return false;
        }

        var value = authorization.AsSpan().Trim();
        if (value.Length < 6 || !value[..6].Equals("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = Encoding.ASCII.GetBytes(value[6..].Trim().ToString());
        var match = false;
        foreach (var credential in credentials)
        {
            // Every account is compared, so the time taken does not tell which one nearly matched.
            match |= token.Length == credential.Token.Length && CryptographicOperations.FixedTimeEquals(token, credential.Token);
        }

        return match;
    }

    /// <summary>The 401 answer: HAProxy's page with a Basic challenge for <paramref name="realm"/>.</summary>
    public static StatsResponse Challenge(string realm) => new(
        401,
        "text/html",
        "<html><body><h1>401 Unauthorized</h1>\nYou need a valid user and password to access this content.\n</body></html>\n",
        [new("www-authenticate", $"Basic realm=\"{realm.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"")]);
}
