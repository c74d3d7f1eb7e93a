using System.Diagnostics;

namespace Hark.Host.Tests.Operations;

/// <summary>A stop with a live call: the call ends, its recording completes, and both notifications reach the bot before the stop returns.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_LiveRecordingCall_RecordingAndTerminatedDeliveredBeforeStopReturns()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var hark = await TestHark.StartAsync(receiver.CallbackUri);
        try
        {
            var token = await hark.BotTokenAsync();
            var callId = await hark.StartRecordingAsync(token, receiver.CallbackUri, """[{"waitFor":"beep","timeoutSeconds":15},{"silence":60}]""");
            await TestHark.EventuallyAsync(() => hark.Log.Lines.Any(l => l.Contains(callId, StringComparison.Ordinal) && l.Contains("record", StringComparison.Ordinal) && l.Contains("started", StringComparison.Ordinal)), "the recording to start");
            await Task.Delay(500);

            var stopping = Stopwatch.StartNew();
            await hark.App.StopAsync();
            stopping.Stop();

            var bodies = receiver.Bodies.Where(b => b.Contains(callId, StringComparison.Ordinal)).ToList();
            Assert.Contains(bodies, b => b.Contains("recordingLocation", StringComparison.Ordinal));
            Assert.Contains(bodies, b => b.Contains("\"terminated\"", StringComparison.Ordinal) && b.Contains("8605", StringComparison.Ordinal));
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"stop took {stopping.Elapsed}");
        }
        finally
        {
            await hark.DisposeAsync();
        }
    }
}
