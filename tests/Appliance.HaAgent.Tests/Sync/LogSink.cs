using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Tests.Sync;

/// <summary>A logger factory that keeps every entry (category, level, text), for asserting what was logged and what was not.</summary>
internal sealed class LogSink : ILoggerFactory, ILoggerProvider
{
    private readonly List<(string Category, LogLevel Level, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Every entry as one text (messages and exceptions), for "never logged" checks.</summary>
    public string AllText => string.Join('\n', Entries.Select(e => $"{e.Category} {e.Level} {e.Message} {e.Exception}"));

    /// <summary>Entries of the sync server and client (not Kestrel's own).</summary>
    public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Sync =>
        Entries.Where(e => e.Category.StartsWith("Appliance.HaAgent.Sync", StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    /// <summary>Waits (up to 5 s) for an entry matching <paramref name="match"/>: server logs may trail the client's result.</summary>
    public async Task<(string Category, LogLevel Level, string Message, Exception? Exception)> WaitForAsync(Func<(string Category, LogLevel Level, string Message, Exception? Exception), bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            foreach (var entry in Entries)
            {
                if (match(entry))
                {
                    return entry;
                }
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("no matching log entry; the log was:\n" + string.Join('\n', Sync.Select(e => $"{e.Level} {e.Message}")));
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (sink._entries)
            {
                sink._entries.Add((category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
