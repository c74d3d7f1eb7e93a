using Hark.Calls.Simulation;
using Hark.Media.Dtmf;

namespace Hark.Calls.Tests.Simulation;

public sealed class SimulatorScriptTests
{
    [Fact]
    public void Constructor_NegativeSilence_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SimulatorScript([new SilenceStep(TimeSpan.FromSeconds(-1))]));
    }

    [Fact]
    public void Constructor_ValidSteps_KeepsOrder()
    {
        ScriptStep[] steps = [new DtmfStep(DtmfKey.Digit3, DtmfMode.Inband, DtmfStep.DefaultDuration), new HangUpStep()];

        Assert.Equal(steps, new SimulatorScript(steps).Steps);
    }
}
