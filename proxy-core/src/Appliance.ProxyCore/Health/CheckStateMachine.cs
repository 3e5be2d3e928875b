using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// HAProxy's rise/fall logic as a pure counter (src/check.c, set_server_check_status): <see cref="Health"/> runs from 0
/// to <c>rise + fall - 1</c>; the server is UP while it is at least <c>rise</c>. A success adds one and, once
/// <c>rise</c> is reached, jumps to the top; a failure takes one and, below <c>rise</c>, drops to 0. So a fully UP
/// server goes DOWN after <c>fall</c> consecutive failures and a DOWN one comes UP after <c>rise</c> consecutive
/// successes.
/// </summary>
/// <remarks>
/// Start-up follows HAProxy: the counter starts at <c>rise</c> ("up, but will fall down at first failure"), so a server
/// is UP at once, a first success makes it fully UP, and a first failure takes it DOWN. Leaving maintenance restarts
/// from the same point (<see cref="Reset"/>). Not thread-safe: one owner drives it.
/// </remarks>
public sealed class CheckStateMachine
{
    private readonly CheckIntervals _intervals;

    /// <param name="rise">Consecutive successes to go UP; at least 1 (HAProxy's default is 2).</param>
    /// <param name="fall">Consecutive failures to go DOWN; at least 1 (HAProxy's default is 3).</param>
    /// <param name="intervals">The check periods per phase.</param>
    public CheckStateMachine(int rise, int fall, CheckIntervals intervals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        Rise = rise;
        Fall = fall;
        _intervals = intervals;
        Health = rise;
    }

    public int Rise { get; }

    public int Fall { get; }

    /// <summary>HAProxy's health counter, 0..<c>rise + fall - 1</c>.</summary>
    public int Health { get; private set; }

    private int Full => Rise + Fall - 1;

    public ServerHealth State => Health >= Rise ? ServerHealth.Up : ServerHealth.Down;

    public CheckPhase Phase =>
        Health == Full ? CheckPhase.Up
        : Health == 0 ? CheckPhase.Down
        : Health >= Rise ? CheckPhase.GoingDown
        : CheckPhase.GoingUp;

    /// <summary>The delay before the next check in the current phase.</summary>
    public TimeSpan NextInterval => _intervals.For(Phase);

    /// <summary>Applies one check result and returns the resulting state, phase and next interval.</summary>
    public CheckDecision Record(ProbeResult result)
    {
        var from = State;
        if (result.Passed)
        {
            if (Health < Full)
            {
                Health++;
                if (Health >= Rise)
                {
                    Health = Full;
                }
            }
        }
        else if (Health > 0)
        {
            Health--;
            if (Health < Rise)
            {
                Health = 0;
            }
        }

        return new CheckDecision(from, State, Phase, NextInterval, result.Describe());
    }

    /// <summary>Back to the start-up point: UP, and DOWN at the first failure.</summary>
    public void Reset() => Health = Rise;

    /// <summary>
    /// Resumes from a known state instead of the start-up point (after a reload): fully UP needs <c>fall</c> failures
    /// to go down, fully DOWN needs <c>rise</c> successes to come up, so a reload never flaps a server.
    /// </summary>
    public void ResumeFrom(ServerHealth health) => Health = health == ServerHealth.Up ? Full : 0;
}
