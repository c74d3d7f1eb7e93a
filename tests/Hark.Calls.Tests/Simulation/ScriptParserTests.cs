using Hark.Calls.Simulation;
using Hark.Media.Dtmf;

namespace Hark.Calls.Tests.Simulation;

public sealed class ScriptParserTests
{
    [Fact]
    public void TryParse_EveryKind_BuildsSteps()
    {
        short[] audio = [1, 2, 3];
        ScriptStepDefinition[] definitions =
        [
            new("play", Audio: audio),
            new("SILENCE", Seconds: 1.5),
            new("dtmf", Key: "#"),
            new("dtmf", Key: "a", Mode: "InBand", DurationMs: 250),
            new("waitFor", Target: "beep"),
            new("waitfor", Target: "BEEP", TimeoutSeconds: 300),
            new("hangup"),
        ];

        Assert.True(ScriptParser.TryParse(definitions, out var script, out var errors), string.Join("; ", errors));

        Assert.Equal(audio, ((PlayStep)script.Steps[0]).Samples.ToArray());
        Assert.Equal(new SilenceStep(TimeSpan.FromSeconds(1.5)), script.Steps[1]);
        Assert.Equal(new DtmfStep(DtmfKey.Pound, DtmfMode.Rfc4733, TimeSpan.FromMilliseconds(100)), script.Steps[2]);
        Assert.Equal(new DtmfStep(DtmfKey.A, DtmfMode.Inband, TimeSpan.FromMilliseconds(250)), script.Steps[3]);
        Assert.Equal(new WaitForStep(WaitTarget.Beep, TimeSpan.FromSeconds(30)), script.Steps[4]);
        Assert.Equal(new WaitForStep(WaitTarget.Beep, TimeSpan.FromSeconds(300)), script.Steps[5]);
        Assert.IsType<HangUpStep>(script.Steps[6]);
    }

    public static TheoryData<ScriptStepDefinition, string, string> BadSteps => new()
    {
        { new ScriptStepDefinition("silence", Seconds: -0.5), "silence", "from 0" },
        { new ScriptStepDefinition("silence", Seconds: double.NaN), "silence", "got NaN" },
        { new ScriptStepDefinition("silence"), "silence", "got nothing" },
        { new ScriptStepDefinition("silence", Seconds: 3601), "silence", "3600" },
        { new ScriptStepDefinition("dtmf", Key: "x"), "dtmf", "got 'x'" },
        { new ScriptStepDefinition("dtmf", Key: "12"), "dtmf", "got '12'" },
        { new ScriptStepDefinition("dtmf", Key: "!"), "dtmf", "got '!'" },
        { new ScriptStepDefinition("dtmf"), "dtmf", "0-9" },
        { new ScriptStepDefinition("dtmf", Key: "1", Mode: "sip-info"), "mode", "rfc4733 or inband" },
        { new ScriptStepDefinition("dtmf", Key: "1", DurationMs: 10), "durationMs", "got 10" },
        { new ScriptStepDefinition("waitFor", Target: "beep", TimeoutSeconds: 0.5), "timeoutSeconds", "1 to 300" },
        { new ScriptStepDefinition("waitFor", Target: "beep", TimeoutSeconds: 301), "timeoutSeconds", "got 301" },
        { new ScriptStepDefinition("waitFor", Target: "voice"), "waitFor", "got 'voice'" },
        { new ScriptStepDefinition("play"), "play", "needs audio" },
        { new ScriptStepDefinition("jump"), "kind", "Unknown step 'jump'" },
        { new ScriptStepDefinition(null), "kind", "Unknown step" },
        { new ScriptStepDefinition("silence", Seconds: 1, Key: "1"), "dtmf", "does not apply to a silence step" },
        { new ScriptStepDefinition("hangup", TimeoutSeconds: 3), "timeoutSeconds", "does not apply to a hangup step" },
    };

    [Theory]
    [MemberData(nameof(BadSteps))]
    public void TryParse_BadStep_ReportsFieldAndReason(ScriptStepDefinition bad, string field, string message)
    {
        ScriptStepDefinition[] definitions = [new("silence", Seconds: 1), bad];

        Assert.False(ScriptParser.TryParse(definitions, out var script, out var errors));

        Assert.Null(script);
        var error = Assert.Single(errors);
        Assert.Equal((1, field), (error.StepIndex, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeveralBadSteps_ReportsEach()
    {
        ScriptStepDefinition[] definitions =
        [
            new("silence", Seconds: -1), new("hangup"), new("dtmf", Key: "1", Mode: "loud", DurationMs: 1),
        ];

        Assert.False(ScriptParser.TryParse(definitions, out _, out var errors));

        Assert.Equal(
            [(0, "silence"), (1, "hangup"), (2, "mode"), (2, "durationMs")],
            errors.Select(e => (e.StepIndex, e.Field)));
    }

    [Fact]
    public void TryParse_Empty_GivesEmptyScript()
    {
        Assert.True(ScriptParser.TryParse([], out var script, out var errors));

        Assert.Empty(script.Steps);
        Assert.Empty(errors);
    }
}
