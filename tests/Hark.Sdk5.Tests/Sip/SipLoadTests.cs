using System.Collections.Concurrent;
using System.Net;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Hark.Integration.Scenarios;
using Microsoft.Graph.Models;
using Xunit.Abstractions;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>Fifty SIPp callers at once, each answered and recorded to its stop tone by a Graph SDK bot.</summary>
[Collection(LoadCollection.Name)]
public sealed class SipLoadTests(HarkFixture f, ITestOutputHelper output) : IClassFixture<HarkFixture>
{
    private const int Calls = 50;

    [Fact]
    public async Task RecordResponse_FiftyConcurrentSipCalls_EveryRecordingMatchesWhatItsCallerSent()
    {
        var reference = WavFile.Resample(WavFile.Decode(File.ReadAllBytes(SippScenarios.ReferenceWav)).Samples, 8000, 16000);
        var known = f.Listener.CallIds;
        var handled = new ConcurrentDictionary<string, Task<string?>>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var sipp = Task.Run(() => Sipp.RunAsync(new SippOptions
        {
            Scenario = SippScenarios.UacConcurrent,
            Remote = $"127.0.0.1:{f.Server.SipPort}",
            Service = "+15551234",
            Calls = Calls,
            Limit = Calls,
            Rate = Calls,
            Timeout = TimeSpan.FromSeconds(80),
        }, CancellationToken.None));

        // The bot: every new call is answered and recorded on its own task, as a real bot would.
        while (handled.Count < Calls && !stop.IsCancellationRequested)
        {
            if (sipp.IsCompleted && (await sipp).ExitCode != 0 && handled.IsEmpty)
            {
                Assert.Fail((await sipp).Describe());
            }

            foreach (var callId in f.Listener.CallIds.Where(id => !known.Contains(id) && !handled.ContainsKey(id)))
            {
                handled[callId] = Task.Run(() => RecordOneAsync(callId, reference));
            }

            await Task.Delay(20);
        }

        var problems = (await Task.WhenAll(handled.Values)).Where(p => p is not null).ToList();
        var result = await sipp;

        output.WriteLine(result.Statistics?.ToString() ?? "");
        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(Calls, handled.Count);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(f.Listener.Failures);
    }

    // Null when the call went as it should; otherwise what was wrong.
    private async Task<string?> RecordOneAsync(string callId, short[] reference)
    {
        try
        {
            var inbox = f.Listener.Call(callId);
            var call = new ConnectedCall("", callId, inbox, await inbox.WaitForStateAsync("incoming", Timeouts.Notification));
            await f.AnswerAsync(call);
            var started = await f.Graph.Communications.Calls[callId].RecordResponse.PostAsync(SipRecording.UntilPound());
            var op = Assert.IsType<RecordOperation>((await inbox.WaitForOperationAsync(started!.Id!, TimeSpan.FromSeconds(40))).ToOperation());
            using var download = await f.DownloadAsync(op.RecordingLocation!, op.RecordingAccessToken);
            var audio = WavFile.Decode(await download.Content.ReadAsByteArrayAsync());
            await f.Graph.Communications.Calls[callId].DeleteAsync();
            var match = Correlation.Find(reference, audio.Samples[..Math.Min(audio.Samples.Length, 8000)]);
            return op.ResultInfo?.Subcode == 8514 && download.StatusCode == HttpStatusCode.OK && audio.Duration.TotalSeconds is > 0.5 and < 2.1 && match.Score > 0.7
                ? null
                : $"{callId}: subcode {op.ResultInfo?.Subcode}, {audio.Duration.TotalSeconds:F2} s, match {match}";
        }
#pragma warning disable CA1031 // One failed call is reported with the others, not thrown on its own task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"{callId}: {ex.GetType().Name}: {ex.Message}";
        }
    }
}
