using System.Diagnostics;

namespace Appliance.ProxyCore.FunctionalTests.Stats;

/// <summary>Reads a CSV with python3's csv module, a consumer that is not ours, and prints what it saw.</summary>
internal static class PythonCsv
{
    /// <summary>
    /// Reads every row of <paramref name="csv"/>; returns one line per row: the column count, then
    /// <c>pxname/svname</c>, then the requested columns by header name, separated by spaces.
    /// </summary>
    public static async Task<List<string>> ReadAsync(string csv, params string[] columns)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stats-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv);
        try
        {
            const string Script = """
                import csv, sys
                with open(sys.argv[1], newline='') as f:
                    rows = list(csv.reader(f))
                header = rows[0]
                header[0] = header[0][2:]
                for row in rows[1:]:
                    values = dict(zip(header, row))
                    print(len(row), values['pxname'] + '/' + values['svname'], *[values[c] for c in sys.argv[2:]])
                """;
            var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(Script);
            info.ArgumentList.Add(path);
            foreach (var column in columns)
            {
                info.ArgumentList.Add(column);
            }

            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
