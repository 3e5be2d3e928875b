using System.Diagnostics.CodeAnalysis;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>The result of one server selection: a picked server, or why there is none. The default value is NoServer.</summary>
public readonly record struct ServerSelection
{
    private ServerSelection(ServerSelectionOutcome outcome, ServerModel? server)
    {
        Outcome = outcome;
        Server = server;
    }

    public ServerSelectionOutcome Outcome { get; }

    /// <summary>The chosen server when <see cref="Outcome"/> is Picked, else null.</summary>
    public ServerModel? Server { get; }

    [MemberNotNullWhen(true, nameof(Server))]
    public bool IsPicked => Outcome == ServerSelectionOutcome.Picked;

    /// <summary>Every usable server is at its connection limit: the caller should queue the request.</summary>
    public static ServerSelection AllFull { get; } = new(ServerSelectionOutcome.AllFull, null);

    /// <summary>No server can take traffic: the caller answers 503 (HTTP) or closes (TCP).</summary>
    public static ServerSelection NoServer { get; } = new(ServerSelectionOutcome.NoServer, null);

    public static ServerSelection Picked(ServerModel server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new(ServerSelectionOutcome.Picked, server);
    }

    public override string ToString() => IsPicked ? $"Picked({Server.Name})" : Outcome.ToString();
}
