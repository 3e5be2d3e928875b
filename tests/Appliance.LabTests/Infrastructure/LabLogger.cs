using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Appliance.LabTests.Infrastructure;

/// <summary>Collects a component's log lines with a name prefix, for the test output when a lab test ends.</summary>
internal sealed class LabLogger(string name) : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {name} {logLevel} {eventId.Id}: {formatter(state, exception)}{(exception is null ? string.Empty : $" {exception}")}");
}
