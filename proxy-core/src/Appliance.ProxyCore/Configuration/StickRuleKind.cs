namespace Appliance.ProxyCore.Configuration;

/// <summary>Which <c>stick</c> rule a line is.</summary>
public enum StickRuleKind
{
    /// <summary><c>stick match</c>: look the key up before balancing.</summary>
    Match,

    /// <summary><c>stick on</c>: <see cref="Match"/> plus <see cref="StoreRequest"/>.</summary>
    On,

    /// <summary><c>stick store-request</c>: store the key with the chosen server.</summary>
    StoreRequest,

    /// <summary><c>stick store-response</c>: store a key taken from the response with the server that answered.</summary>
    StoreResponse,
}
