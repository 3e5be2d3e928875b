namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>
/// gRPC status codes, with the numbers that travel in <c>grpc-status</c> (gRPC's doc/statuscodes.md; the same numbers
/// as google.rpc.Code).
/// </summary>
public enum StatusCode
{
    /// <summary>Not an error.</summary>
    OK = 0,

    /// <summary>The operation was cancelled, typically by the caller.</summary>
    Cancelled = 1,

    /// <summary>Unknown error (for example a status from another address space that this one does not know).</summary>
    Unknown = 2,

    /// <summary>The client specified an invalid argument.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline expired before the operation could complete.</summary>
    DeadlineExceeded = 4,

    /// <summary>Some requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity that a client attempted to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller is authenticated but has no permission for the operation.</summary>
    PermissionDenied = 7,

    /// <summary>Some resource has been exhausted (for example a message over the size limit).</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted (for example a sequence check failure).</summary>
    Aborted = 10,

    /// <summary>The operation was attempted past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The operation is not implemented or not supported (an unknown method, an unsupported encoding).</summary>
    Unimplemented = 12,

    /// <summary>An internal error: an invariant of the underlying system (or of the protocol) was broken.</summary>
    Internal = 13,

    /// <summary>The service is currently unavailable (a transient condition; the call may be retried).</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The request does not have valid authentication credentials.</summary>
    Unauthenticated = 16,
}
