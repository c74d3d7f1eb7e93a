using System.Net;
using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class RecordingAccessTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task Download_EachTokenOpensItsOwnRecordingOnly()
    {
        var first = RecordScenario.Voice(0.8);
        var second = Audio.TestSignals.Voice(RecordScenario.CallerRate, 0.8, pitchStartHz: 190, pitchEndHz: 130);
        var call = await f.ConnectAsync(
            WaitForBeep(), RecordScenario.Say(first), Silence(0.2), Dtmf('#'),
            WaitForBeep(), RecordScenario.Say(second), Silence(0.2), Dtmf('#'), Silence(3));
        var a = await RecordScenario.RecordAsync(f, call);
        var b = await RecordScenario.RecordAsync(f, call);
        RecordingAssert.Outcome(a.Completion, OperationStatus.Completed, 200, 8514, "stopToneDetected", a.Started.ClientContext);
        RecordingAssert.Outcome(b.Completion, OperationStatus.Completed, 200, 8514, "stopToneDetected", b.Started.ClientContext);
        var locationA = a.Completed.RecordingLocation!;
        var locationB = b.Completed.RecordingLocation!;
        Assert.NotEqual(locationA, locationB);

        await AssertStatusAsync(locationA, null, HttpStatusCode.Unauthorized);
        await AssertStatusAsync(locationA, "not-a-token", HttpStatusCode.Unauthorized);
        await AssertStatusAsync(locationA, b.Completed.RecordingAccessToken, HttpStatusCode.Unauthorized);
        await AssertStatusAsync(locationB, a.Completed.RecordingAccessToken, HttpStatusCode.Unauthorized);
        await AssertStatusAsync(locationA, a.Completed.RecordingAccessToken + "x", HttpStatusCode.Unauthorized);
        await RecordingAssert.DownloadedAsync(f, a, first, 0.8 + 0.2);
        await RecordingAssert.DownloadedAsync(f, b, second, 0.8 + 0.2);
        await f.EndAsync(call);
        Assert.Empty(f.Listener.Failures);
    }

    private async Task AssertStatusAsync(string location, string? token, HttpStatusCode expected)
    {
        using var response = await f.DownloadAsync(location, token);
        Assert.Equal(expected, response.StatusCode);
    }
}
