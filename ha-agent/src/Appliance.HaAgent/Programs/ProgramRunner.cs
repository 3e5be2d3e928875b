using System.Diagnostics;

namespace Appliance.HaAgent.Programs;

/// <summary>
/// Runs an external program without a shell (the argument vector is passed as is), discards its output so it never
/// mixes with the appliance's stdout, and kills it with its whole process tree at the timeout.
/// </summary>
public static class ProgramRunner
{
    /// <summary>Splits a <c>track_script</c> command at spaces: the tokenizer already resolved quotes, there is no shell.</summary>
    public static string[] SplitCommand(string command) =>
        (command ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>; never throws for the program's faults.</summary>
    public static async Task<ProgramResult> RunAsync(
        string program, IReadOnlyList<string> arguments, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return new ProgramResult(-1, false, e.Message);
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            var errors = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            using var deadline = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
                await Task.WhenAll(output, errors).ConfigureAwait(false);
                return new ProgramResult(process.ExitCode, false, null);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the timeout and the kill.
                }

                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return new ProgramResult(-1, true, null);
            }
        }
    }
}
