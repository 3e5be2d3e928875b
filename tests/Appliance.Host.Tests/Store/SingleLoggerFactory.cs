using Microsoft.Extensions.Logging;

namespace Appliance.Host.Tests.Store;

/// <summary>A logger factory whose every category writes to one <see cref="ListLogger"/>.</summary>
internal sealed class SingleLoggerFactory(ListLogger logger) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
