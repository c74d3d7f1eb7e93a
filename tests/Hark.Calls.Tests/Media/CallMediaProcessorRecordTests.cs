using Hark.Calls.Media;
using Hark.Media.Dtmf;
using Hark.Testing;

namespace Hark.Calls.Tests.Media;

/// <summary>Each way a record ends, with the WAV it leaves behind.</summary>
public sealed class CallMediaProcessorRecordTests
{
    private const double Tolerance = 0.1;

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(8000, 8000)]
    [InlineData(16000, 16000)]
    [InlineData(16000, 8000)]
    public void ProcessFrame_InBandStopTone_EndsAtToneOnsetWithoutTone(int seamRate, int recordingRate)
    {
        var harness = new MediaHarness(seamRate, new CallMediaOptions { RecordingSampleRate = recordingRate });
        var audio = new CallerAudio(seamRate, 4).Speech(1.0, 2.5).Dtmf(941, 1477, 2.8).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(stopTones: [DtmfKey.Pound]));

        harness.RunAll(audio);

        var (frames, done) = harness.Completion("r");
        Assert.Equal(MediaCompletionReason.StopToneDetected, done.Reason);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Completed, 200, 8514), done.Result);
        Assert.InRange(frames * 0.02, 2.8, 2.9); // a key is confirmed 30-50 ms into the tone
        var wav = harness.Sink.Read("r");
        Assert.Equal(recordingRate, wav.SampleRate);
        Assert.Equal(wav.Samples.Length, done.Recording!.DurationSamples);

        // Speech 1.0-2.5 s, silence 0.3 s (under the 0.5 s kept), cut 10 ms before the tone at 2.8 s.
        Assert.InRange(wav.Duration.TotalSeconds, 1.79 - Tolerance, 1.79 + Tolerance);
        AssertNoDtmf(wav.Samples, recordingRate, 941, 1477);
        Assert.True(CallerAudio.Rms(wav.Samples.AsSpan(0, recordingRate)) > 1000, "the speech is in the file");
    }

    [Fact]
    public void ProcessFrame_ConcealedFramesWhileRecording_CountedInTheRecording()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 4).Speech(1.0, 2.5).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(stopTones: [DtmfKey.Pound]));
        harness.RunFrames(audio, 100); // 2 s: recording since the speech began at 1 s
        var outbound = new short[harness.FrameSamples];
        for (var i = 0; i < 3; i++)
        {
            harness.Processor.ProcessFrame(audio.AsSpan(2000 * 8 + (i * 160), 160), outbound, concealed: true);
        }

        harness.Processor.OnKey(DtmfKey.Pound, harness.Processor.SamplesProcessed);
        harness.Drain();

        var (_, done) = harness.Completion("r");
        Assert.Equal(MediaCompletionReason.StopToneDetected, done.Reason);
        Assert.Equal(3, done.Recording!.ConcealedFrames);
    }

    [Fact]
    public void OnKey_StopTone_EndsAtTheGivenOnset()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 4).Speech(1.0, 2.5).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(stopTones: [DtmfKey.Star, DtmfKey.Pound]));
        harness.RunFrames(audio, 143); // 2.86 s: the RFC 4733 event arrives a little after its onset

        harness.Processor.OnKey(DtmfKey.Pound, onsetSample: 2800 * 8);
        harness.Drain();

        var (_, done) = harness.Completion("r");
        Assert.Equal(MediaCompletionReason.StopToneDetected, done.Reason);
        Assert.InRange(done.Recording!.Duration.TotalSeconds, 1.79 - Tolerance, 1.79 + Tolerance);
        Assert.Equal(done.Recording.DurationSamples, harness.Sink.Read("r").Samples.Length);
    }

    [Fact]
    public void ProcessFrame_StopToneAfterLongPause_TrailingSilenceTrimmedToHalfSecond()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 5).Speech(1.0, 2.0).Dtmf(941, 1477, 3.5).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(stopTones: [DtmfKey.Pound]));

        harness.RunAll(audio);

        var done = harness.Completion("r").Event;
        Assert.Equal(MediaCompletionReason.StopToneDetected, done.Reason);
        Assert.InRange(done.Recording!.Duration.TotalSeconds, 1.5 - Tolerance, 1.5 + Tolerance);
    }

    [Fact]
    public void ProcessFrame_OtherKey_DoesNotStop()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 4).Speech(1.0, 2.0).Dtmf(697, 1209, 2.3).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(stopTones: [DtmfKey.Pound], maxSilence: 1));

        harness.RunAll(audio);

        Assert.Equal(MediaCompletionReason.MaxSilenceTimeout, harness.Completion("r").Event.Reason);
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(16000, 8000)]
    public void ProcessFrame_SilenceAfterSpeech_EndsAfterMaxSilenceKeepingHalfSecond(int seamRate, int recordingRate)
    {
        var harness = new MediaHarness(seamRate, new CallMediaOptions { RecordingSampleRate = recordingRate });
        var audio = new CallerAudio(seamRate, 6).Speech(1.0, 2.0).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(maxSilence: 2));

        harness.RunAll(audio);

        var (frames, done) = harness.Completion("r");
        Assert.Equal(MediaCompletionReason.MaxSilenceTimeout, done.Reason);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Completed, 200, 8509), done.Result);
        Assert.InRange(frames * 0.02, 4.0 - Tolerance, 4.0 + Tolerance);
        var wav = harness.Sink.Read("r");
        Assert.InRange(wav.Duration.TotalSeconds, 1.5 - Tolerance, 1.5 + Tolerance);

        // What follows the last loud 20 ms window is at most the 0.5 s kept.
        var window = recordingRate / 50;
        var lastLoud = 0;
        for (var i = 0; i + window <= wav.Samples.Length; i += window)
        {
            lastLoud = CallerAudio.Rms(wav.Samples.AsSpan(i, window)) > 300 ? i + window : lastLoud;
        }

        Assert.InRange((wav.Samples.Length - lastLoud) / (double)recordingRate, 0.4, 0.5 + 0.05);
    }

    [Fact]
    public void ProcessFrame_PauseShorterThanMaxSilence_KeptInsideTheRecording()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 8).Speech(1.0, 2.0).Speech(3.5, 4.0).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(maxSilence: 2));

        harness.RunAll(audio);

        var done = harness.Completion("r").Event;
        Assert.Equal(MediaCompletionReason.MaxSilenceTimeout, done.Reason);
        Assert.InRange(done.Recording!.Duration.TotalSeconds, 3.5 - Tolerance, 3.5 + Tolerance);
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(8000, 8000)]
    [InlineData(16000, 16000)]
    [InlineData(16000, 8000)]
    public void ProcessFrame_LongSpeech_CappedAtExactlyMaxDuration(int seamRate, int recordingRate)
    {
        var harness = new MediaHarness(seamRate, new CallMediaOptions { RecordingSampleRate = recordingRate });
        var audio = new CallerAudio(seamRate, 6).Speech(1.0, 5.5).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(maxDuration: 2));

        harness.RunAll(audio);

        var (frames, done) = harness.Completion("r");
        Assert.Equal(MediaCompletionReason.MaxRecordDurationReached, done.Reason);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Completed, 200, 8515), done.Result);
        Assert.InRange(frames * 0.02, 3.0 - Tolerance, 3.0 + Tolerance); // measured from the speech onset
        Assert.Equal(2 * recordingRate, harness.Sink.Read("r").Samples.Length);
        Assert.Equal(2 * recordingRate, done.Recording!.DurationSamples);
    }

    [Fact]
    public void ProcessFrame_NoSpeech_FailsAtInitialSilenceTimeoutWithoutRecording()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 3).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(initialSilence: 1));

        harness.RunAll(audio);

        var (frames, done) = harness.Completion("r");
        Assert.Equal(MediaCompletionReason.InitialSilenceTimeout, done.Reason);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Failed, 400, 8510), done.Result);
        Assert.Equal(50, frames); // listening began at 0 (no prompt, no beep)
        Assert.Null(done.Recording);
        Assert.Empty(harness.Sink.Opened);
    }

    [Fact]
    public void CallEnded_MediaLostMidRecording_CompletedAsMediaReceiveTimeoutWithRecordingKept()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 4).Speech(1.0, 3.0).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request());
        harness.RunFrames(audio, 125);

        harness.Processor.CallEnded(MediaCompletionReason.MediaReceiveTimeout);
        harness.Drain();

        var done = Assert.Single(harness.Completions());
        Assert.Equal(MediaCompletionReason.MediaReceiveTimeout, done.Reason);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Completed, 200, 8513), done.Result);
        Assert.InRange(done.Recording!.Duration.TotalSeconds, 1.5 - Tolerance, 1.5 + Tolerance);
        Assert.Equal(done.Recording, Assert.Single(harness.Sink.CompletedRecordings));
    }

    [Theory]
    [InlineData(MediaCompletionReason.OperationCanceled)]
    [InlineData(MediaCompletionReason.StopToneDetected)]
    public void CallEnded_ReasonThatIsNotAnEndOfCall_Throws(MediaCompletionReason reason) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaHarness().Processor.CallEnded(reason));

    [Fact]
    public void CallEnded_MidRecording_CompletedWithRecordingKeptAndQueuedCancelled()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 4).Speech(1.0, 3.0).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request());
        harness.Processor.EnqueuePlayPrompt("p", 1);
        harness.RunFrames(audio, 100);

        harness.Processor.CallEnded();
        harness.Drain();

        var completions = harness.Completions();
        Assert.Equal(["r", "p"], completions.Select(c => c.OperationId));
        Assert.Equal(MediaCompletionReason.CallerHungUp, completions[0].Reason);
        Assert.Equal(new MediaResultInfo(MediaOperationStatus.Completed, 200, 8516), completions[0].Result);
        Assert.InRange(completions[0].Recording!.Duration.TotalSeconds, 1.0 - Tolerance, 1.0 + Tolerance);
        Assert.Equal(completions[0].Recording, Assert.Single(harness.Sink.CompletedRecordings));
        Assert.Equal(MediaCompletionReason.OperationCanceled, completions[1].Reason);
        Assert.True(harness.Processor.IsEnded);
        Assert.Throws<InvalidOperationException>(() => harness.Processor.ProcessFrame(new short[160], new short[160]));
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(8000, 8000)]
    [InlineData(16000, 16000)]
    [InlineData(16000, 8000)]
    public void ProcessFrame_CallerTalkingFromFirstFrame_RecordingHoldsEveryFrame(int seamRate, int recordingRate)
    {
        // The caller is already talking when the line opens (joined at a syllable's peak, words 0.2 s apart) and the
        // record starts at once.
        var harness = new MediaHarness(seamRate, new CallMediaOptions { RecordingSampleRate = recordingRate });
        var caller = new CallerAudio(seamRate, 6);
        for (var word = 0.0; word < 6; word += 1.2)
        {
            caller.Speech(word, word + 1.0);
        }

        var skip = seamRate / 6;
        const int frames = 250;
        var audio = caller.ToPcm16()[skip..(skip + (frames * harness.FrameSamples))];
        harness.Processor.EnqueueRecord("r", Request());

        harness.RunAll(audio);
        harness.Processor.CallEnded();
        harness.Drain();

        var done = harness.Completion("r").Event;
        Assert.Equal(MediaCompletionReason.CallerHungUp, done.Reason);
        var sent = frames * 0.02;
        Assert.InRange(harness.Sink.Read("r").Duration.TotalSeconds, sent - 0.04, sent);
    }

    [Fact]
    public void ProcessFrame_SpeechDuringPrompt_DoesNotStartRecordingAndTimerStartsAfterBeep()
    {
        var harness = new MediaHarness();
        var audio = new CallerAudio(8000, 3).Speech(0.1, 0.45).ToPcm16();
        harness.Processor.EnqueueRecord("r", Request(initialSilence: 1, prompts: 1));
        harness.Processor.PromptLoaded("r", 0, CallerAudio.Sine(8000, 300, 0.5));

        harness.RunAll(audio);

        // Prompt 0.5 s + beep 0.4 s, then one second of listening: 1.9 s = 95 frames.
        var (frames, done) = harness.Completion("r");
        Assert.Equal(MediaCompletionReason.InitialSilenceTimeout, done.Reason);
        Assert.Equal(95, frames);
        Assert.Empty(harness.Sink.Opened);
    }

    [Fact]
    public void ProcessFrame_WhileRecording_AllocatesNothing()
    {
        var audio = new CallerAudio(8000, 6).Speech(1.0, 6.0).ToPcm16();
        var outbound = new short[160];
        MemoryRecordingSink sink = null!;
        CallMediaProcessor processor = null!;

        // Each round is a fresh call, two seconds into its recording; the next three are measured.
        Action IntoRecording()
        {
            sink = new MemoryRecordingSink();
            processor = new CallMediaProcessor(8000, sink);
            processor.EnqueueRecord("r", Request(maxDuration: 10, stopTones: [DtmfKey.Pound]));
            Frames(0, 100);
            return () => Frames(100, 250);
        }

        var allocated = Allocations.Least(IntoRecording);

        Assert.Equal(0, allocated);
        Assert.Equal(["r"], sink.Opened);
        Assert.False(processor.TryRead(out _));

        void Frames(int from, int to)
        {
            for (var f = from; f < to; f++)
            {
                processor.ProcessFrame(audio.AsSpan(f * 160, 160), outbound);
            }
        }
    }

    internal static RecordRequest Request(
        int initialSilence = 5, int maxSilence = 5, int maxDuration = 10, int prompts = 0, DtmfKey[]? stopTones = null) => new()
        {
            PromptCount = prompts,
            PlayBeep = prompts > 0,
            InitialSilenceTimeoutInSeconds = initialSilence,
            MaxSilenceTimeoutInSeconds = maxSilence,
            MaxRecordDurationInSeconds = maxDuration,
            StopTones = stopTones ?? [],
        };

    private static void AssertNoDtmf(short[] samples, int rate, double low, double high)
    {
        // The last 0.25 s held silence before the tone; any tone left would show in these windows.
        var window = rate / 50;
        for (var i = Math.Max(0, samples.Length - (rate / 4)); i + window <= samples.Length; i += window / 2)
        {
            var span = samples.AsSpan(i, window);
            Assert.True(CallerAudio.Amplitude(span, rate, low) < 100, $"{low} Hz at {i}");
            Assert.True(CallerAudio.Amplitude(span, rate, high) < 100, $"{high} Hz at {i}");
        }

        var tail = samples.AsSpan(Math.Max(0, samples.Length - window), Math.Min(window, samples.Length));
        Assert.True(CallerAudio.Rms(tail) < 100, "the file ends in quiet, not in the tone");
    }
}
