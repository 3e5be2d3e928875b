using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Appliance.Host.Hosting;

/// <summary>Console logging for the foreground process (<see cref="ApplianceLoggerFactory"/> adds the syslog targets).</summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(Configure));

    /// <summary>One line per event, UTC timestamps with milliseconds.</summary>
    public static void Configure(SimpleConsoleFormatterOptions options)
    {
        options.SingleLine = true;
        options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        options.UseUtcTimestamp = true;
    }
}
