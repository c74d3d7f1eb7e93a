using Hark.Integration.Harness;

namespace Hark.Integration.Scenarios;

// A class of its own, so it runs beside the other scenarios on a host of its own.
public sealed class StopToneInbandTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public Task RecordResponse_StopToneInband_CompletedAndCutBeforeTheTone() => StopToneScenario.RunAsync(f, "inband");
}
