namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>
/// A call ended with a status other than <see cref="StatusCode.OK"/>: thrown by the client for the status the server
/// (or the transport) gave, and thrown by a server handler to end its call with that status.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>A failed call's status and its message (the <c>grpc-message</c> text, may be empty).</summary>
    public RpcException(StatusCode statusCode, string detail)
        : base($"Status({statusCode}, \"{detail}\")")
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    /// <summary>As <see cref="RpcException(StatusCode, string)"/>, keeping the exception that caused it.</summary>
    public RpcException(StatusCode statusCode, string detail, Exception inner)
        : base($"Status({statusCode}, \"{detail}\")", inner)
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    /// <summary>The call's status code.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The status message (decoded <c>grpc-message</c>), empty when none was given.</summary>
    public string Detail { get; }
}
