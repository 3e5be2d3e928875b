using System.Text;

namespace Appliance.ProxyCore.Stats;

/// <summary>One <c>stats auth USER:PASSWORD</c> account, with its HTTP Basic token (RFC 7617) computed once.</summary>
public sealed record StatsCredential
{
    public StatsCredential(string user, string password)
    {
        User = user;
        Password = password;
        Token = Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public string User { get; }

    public string Password { get; }

    /// <summary>base64(USER:PASSWORD) as ASCII bytes, what follows <c>Basic </c> in a matching Authorization field.</summary>
    internal byte[] Token { get; }
}
