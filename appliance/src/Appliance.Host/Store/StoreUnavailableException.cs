namespace Appliance.Host.Store;

/// <summary>The store cannot be used as asked: missing, damaged, or of an unknown schema. The message says which and what to do.</summary>
internal sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
