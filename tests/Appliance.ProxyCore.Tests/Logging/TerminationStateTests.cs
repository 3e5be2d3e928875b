using System.Text;
using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.Tests.Logging;

public sealed class TerminationStateTests
{
    public static TheoryData<TerminationCause, SessionPhase> EveryCombination()
    {
        var data = new TheoryData<TerminationCause, SessionPhase>();
        foreach (var cause in Enum.GetValues<TerminationCause>())
        {
            foreach (var phase in Enum.GetValues<SessionPhase>())
            {
                data.Add(cause, phase);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void WriteTo_EveryCauseAndPhase_TwoCharactersInTcpFourInHttp(TerminationCause cause, SessionPhase phase)
    {
        var state = TerminationState.EndedBy(cause, phase);
        var buffer = new byte[4];

        Assert.Equal(2, state.WriteTo(buffer, http: false));
        Assert.Equal($"{(char)cause}{(char)phase}", Encoding.ASCII.GetString(buffer, 0, 2));
        Assert.Equal(4, state.WriteTo(buffer, http: true));
        Assert.Equal($"{(char)cause}{(char)phase}--", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public void Enums_CharacterCodes_AreHaproxysInCodeOrder()
    {
        Assert.Equal("-CDIKLPRSUcs", new string([.. Enum.GetValues<TerminationCause>().Select(c => (char)c)]));
        Assert.Equal("-CDHLQRT", new string([.. Enum.GetValues<SessionPhase>().Select(p => (char)p)]));
        Assert.Equal("-DEINOUV", new string([.. Enum.GetValues<ClientCookieState>().Select(c => (char)c)]));
        Assert.Equal("-DINPRU", new string([.. Enum.GetValues<ServerCookieAction>().Select(c => (char)c)]));
    }

    [Theory]
    [InlineData(TerminationCause.None, SessionPhase.None, "----")]
    [InlineData(TerminationCause.ClientAbort, SessionPhase.Data, "CD--")]
    [InlineData(TerminationCause.ServerAbort, SessionPhase.Connect, "SC--")]
    [InlineData(TerminationCause.ServerTimeout, SessionPhase.Queue, "sQ--")]
    [InlineData(TerminationCause.ClientTimeout, SessionPhase.Request, "cR--")]
    [InlineData(TerminationCause.ProxyAbort, SessionPhase.Request, "PR--")]
    [InlineData(TerminationCause.Local, SessionPhase.Request, "LR--")]
    public void ToString_CommonStates_ManualSpelling(TerminationCause cause, SessionPhase phase, string expected)
    {
        Assert.Equal(expected, TerminationState.EndedBy(cause, phase).ToString());
    }

    [Fact]
    public void Default_IsNormalWithoutCookies()
    {
        Assert.Equal("----", default(TerminationState).ToString());
        Assert.Equal(TerminationState.Normal, new TerminationState(TerminationCause.None, SessionPhase.None));
    }

    [Fact]
    public void WithCookies_KeepsCauseAndPhase_SetsLastTwo()
    {
        var state = TerminationState.EndedBy(TerminationCause.ClientAbort, SessionPhase.Headers).WithCookies(ClientCookieState.Valid, ServerCookieAction.Updated);

        Assert.Equal("CHVU", state.ToString());
    }

    [Theory]
    [InlineData(TerminationCause.None, false)]
    [InlineData(TerminationCause.Local, false)]
    [InlineData(TerminationCause.ClientAbort, true)]
    [InlineData(TerminationCause.ClientTimeout, true)]
    [InlineData(TerminationCause.ServerAbort, true)]
    [InlineData(TerminationCause.ProxyAbort, true)]
    [InlineData(TerminationCause.Killed, true)]
    public void IsError_ErrorsAreCausesBeyondLocal(TerminationCause cause, bool expected)
    {
        Assert.Equal(expected, TerminationState.EndedBy(cause, SessionPhase.Data).IsError);
    }

    [Fact]
    public void WriteTo_TooSmall_WritesNothing()
    {
        Assert.Equal(0, TerminationState.Normal.WriteTo(new byte[3], http: true));
    }
}
