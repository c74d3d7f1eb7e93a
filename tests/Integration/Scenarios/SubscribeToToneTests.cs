using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.PlayPrompt;
using Microsoft.Graph.Communications.Calls.Item.SubscribeToTone;
using Microsoft.Graph.Models;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class SubscribeToToneTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task SubscribeToTone_CallerPressesKeys_EachIsAnUpdatedNotificationWithIncreasingSequence()
    {
        // The caller presses keys only after hearing a 1 kHz prompt, which the bot plays once subscribed.
        // In-band keys come first: once an RFC 4733 key is seen, Hark stops in-band detection for the call.
        var call = await f.ConnectAsync(
            WaitForBeep(), Dtmf('1', "inband"), Silence(0.2), Dtmf('2', "inband", 120), Silence(0.2), Dtmf('#', "rfc4733"), Silence(3));
        var subscribe = await f.Graph.Communications.Calls[call.CallId].SubscribeToTone.PostAsync(
            new SubscribeToTonePostRequestBody { ClientContext = "tones" });
        Assert.NotNull(subscribe);
        Assert.Equal(OperationStatus.Completed, subscribe.Status);
        var cue = f.Listener.AddPrompt("cue.wav", WavFile.Encode(TestSignals.Tone(16000, 0.4, 1000), 16000));
        await f.Graph.Communications.Calls[call.CallId].PlayPrompt.PostAsync(new PlayPromptPostRequestBody
        {
            Prompts = [new MediaPrompt { MediaInfo = new MediaInfo { Uri = cue.ToString() } }],
        });

        var tones = new List<ToneInfo>();
        for (var i = 0; i < 3; i++)
        {
            var n = await call.Inbox.WaitForAsync(
                n => n.OperationId is null && n.ChangeType == "updated" && n.ToCall().ToneInfo is not null, Timeouts.Operation, "a tone");
            tones.Add(n.ToCall().ToneInfo!);
        }

        Assert.Equal([Tone.Tone1, Tone.Tone2, Tone.Pound], tones.Select(t => t.Tone));
        Assert.True(tones[0].SequenceId < tones[1].SequenceId && tones[1].SequenceId < tones[2].SequenceId);
        await f.EndAsync(call);
        Assert.Empty(f.Listener.Failures);
    }
}
