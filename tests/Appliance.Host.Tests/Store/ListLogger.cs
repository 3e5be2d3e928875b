using Microsoft.Extensions.Logging;

namespace Appliance.Host.Tests.Store;

/// <summary>Keeps every log entry as "Level: message" so tests can assert on warnings.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
