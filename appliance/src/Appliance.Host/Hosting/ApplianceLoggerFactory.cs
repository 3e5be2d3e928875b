using Appliance.Host.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Serilog;
using Serilog.Extensions.Logging;

namespace Appliance.Host.Hosting;

/// <summary>
/// The logger factory of <c>appliance run</c>: the console as <see cref="ConsoleLogging"/> sets it up, plus Serilog
/// writing the appliance events (<see cref="ApplianceEvents.Category"/>) to the global syslog targets. Each event goes
/// to one place only: the engine's own health lines to the console, their syslog form (with MSGIDs) to syslog.
/// </summary>
internal static class ApplianceLoggerFactory
{
    public static ILoggerFactory Create(SyslogSink sink)
    {
        var serilog = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(ConsoleLogging.Configure)
            .AddSerilog(serilog, dispose: true)
            .AddFilter<ConsoleLoggerProvider>(ApplianceEvents.Category, LogLevel.None)
            // A filter function replaces the minimum level for its provider, so the level is checked here too: without
            // it the data path's Debug line (one per request) reached syslog beside the access line.
            .AddFilter<SerilogLoggerProvider>((category, level) => level >= LogLevel.Information
                && category is not null && category.StartsWith("Appliance.", StringComparison.Ordinal)
                && !category.StartsWith("Appliance.ProxyCore.Health", StringComparison.Ordinal)));
    }
}
