namespace Appliance.ProxyCore.Configuration;

/// <summary>The <c>mode</c> keyword. HAProxy's default is <see cref="Tcp"/>.</summary>
public enum ProxyMode
{
    Tcp,
    Http,
}
