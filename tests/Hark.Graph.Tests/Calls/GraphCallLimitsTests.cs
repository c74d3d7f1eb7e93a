using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Graph.Calls;
using Hark.Graph.Tests.Auth;
using Hark.Graph.Validation;
using Hark.Media.Dtmf;
using Microsoft.Extensions.Time.Testing;

namespace Hark.Graph.Tests.Calls;

/// <summary>A call's own limits: media operations running or queued, and tone notifications per second.</summary>
public sealed class GraphCallLimitsTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>
{
    [Fact]
    public async Task StartMediaOperation_QueueFull_TooManyOperationsUntilOneEnds()
    {
        await using var bed = new CallTestBed(keys.Keys, limits: new GraphLimitsOptions { MaxQueuedOperationsPerCall = 2 });
        await bed.AnswerAsync();

        // No frames flow, so the first record keeps listening and the second waits behind it.
        var (first, record) = await bed.Call.RecordAsync(new RecordRequest { PlayBeep = false }, [], null);
        var (second, _) = await bed.Call.RecordAsync(new RecordRequest { PlayBeep = false }, [], null);
        var (third, refused) = await bed.Call.RecordAsync(new RecordRequest { PlayBeep = false }, [], null);
        var (dtmf, _) = await bed.Call.SendDtmfTonesAsync([DtmfKey.Digit1], TimeSpan.Zero, null);

        Assert.Equal((CallCommandError.None, CallCommandError.None), (first, second));
        Assert.Equal((CallCommandError.TooManyOperations, CallCommandError.TooManyOperations), (third, dtmf));
        Assert.Null(refused);

        // Cancelling ends both; the queue has room again.
        await bed.Call.CancelMediaProcessingAsync(null);
        await bed.Store.WaitForNotificationAsync("/operations/" + record!.Id);
        await Eventually(async () => (await bed.Call.RecordAsync(new RecordRequest { PlayBeep = false }, [], null)).Error == CallCommandError.None);
    }

    [Fact]
    public async Task SaveTone_KeysFasterThanTheRate_ExcessDroppedAndCountedThenTheBudgetRefills()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-06T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var bed = new CallTestBed(keys.Keys, calls: new CallOptions { ToneNotificationsPerSecond = 2 }, time: time);
        await bed.AnswerAsync();
        await bed.Call.SubscribeToToneAsync(null);

        DtmfKey[] burst = [DtmfKey.Digit1, DtmfKey.Digit2, DtmfKey.Digit3, DtmfKey.Digit4, DtmfKey.Digit5];
        for (var i = 0; i < burst.Length; i++)
        {
            var key = burst[i];
            var onset = i * 800L;
            await bed.Transport.Actor!.ExecuteMediaAsync(m => m.OnKey(key, onset));
        }

        // A second later the budget has refilled; the call's loop handles events in order, so once this key is
        // notified every key of the burst has been decided.
        time.Advance(TimeSpan.FromSeconds(1));
        await bed.Transport.Actor!.ExecuteMediaAsync(m => m.OnKey(DtmfKey.Pound, 10_000));
        await bed.Store.WaitForNotificationAsync("\"tone\":\"pound\"");

        var tones = bed.Store.Outbox.Where(m => m.Payload.Contains("\"toneInfo\"", StringComparison.Ordinal)).Select(m => m.Payload).ToList();
        Assert.Equal(3, tones.Count);
        Assert.Contains("\"tone\":\"tone1\"", tones[0], StringComparison.Ordinal);
        Assert.Contains("\"tone\":\"tone2\"", tones[1], StringComparison.Ordinal);
        Assert.Equal(3, bed.Call.TonesDropped);
    }

    // Waits for a condition; the deadline only guards against a hang.
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
