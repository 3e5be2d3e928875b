namespace Appliance.ProxyCore;

/// <summary>The engine could not start (an address could not be bound); the message names the proxy and the address.</summary>
public sealed class ProxyStartException : Exception
{
    public ProxyStartException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public ProxyStartException()
    {
    }

    public ProxyStartException(string message)
        : base(message)
    {
    }
}
