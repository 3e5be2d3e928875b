namespace Appliance.HaAgent.Programs;

/// <summary>How a run of an external program (track script, notify) ended.</summary>
/// <param name="ExitCode">The exit status; -1 when it did not exit by itself.</param>
/// <param name="TimedOut">True when it was killed at its timeout.</param>
/// <param name="StartError">Why it could not be started, or null.</param>
public readonly record struct ProgramResult(int ExitCode, bool TimedOut, string? StartError)
{
    /// <summary>Exited by itself with status 0.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut && StartError is null;
}
