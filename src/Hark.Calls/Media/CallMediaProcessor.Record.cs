using Hark.Media.Dtmf;
using Hark.Media.Recording;

namespace Hark.Calls.Media;

/// <summary>Listening, recording, stop tones and the record timers.</summary>
/// <remarks>
/// <para>The recording proper starts at the speech onset the detector reports (kept thanks to the pre-roll
/// history), never before listening began. Audio goes straight to the WAV; at the end the file is cut:
/// at the stop tone's onset (minus <see cref="CallMediaOptions.StopToneGuard"/>), at the duration cap, and
/// in every case so that at most <see cref="CallMediaOptions.TrailingSilenceKept"/> follows the last
/// speech. Pauses inside speech are never touched.</para>
/// <para>maxRecordDurationInSeconds is measured from the recording's start (the speech onset), not from
/// listen start, so the file is never longer than the cap and a slow starter still gets the full time.
/// maxSilenceTimeoutInSeconds counts from the end of the last speech segment.</para>
/// </remarks>
public sealed partial class CallMediaProcessor
{
    // A speech segment starting this close to a stop tone's onset is the tone itself (DTMF is loud and voiced-like).
    private long ToneMargin => 3L * FrameSamples;

    private void AdvanceRecord()
    {
        var op = Head;
        if (op is { Phase: OperationPhase.Listening } && _speech.InSpeech)
        {
            StartRecording(op, Math.Max(_speech.Onset, op.ListenStart));
        }
        else if (op is { Phase: OperationPhase.Recording })
        {
            WriteThrough(op);
        }
    }

    private void HandleKey(DtmfKey key, long onsetSample)
    {
        if (IsSubscribedToTones)
        {
            _events.Enqueue(new ToneReceivedEvent(++_toneSequence, key, onsetSample));
        }

        if (Head is { Phase: OperationPhase.Listening or OperationPhase.Recording } op
            && (op.StopToneMask & (1 << (int)key)) != 0)
        {
            FinishRecording(op, MediaCompletionReason.StopToneDetected, onsetSample - _stopToneGuard, ToneMargin);
        }
    }

    private void CheckTimers()
    {
        var op = Head;
        if (op is { Phase: OperationPhase.Listening })
        {
            if (SamplesProcessed - op.ListenStart >= op.Record!.InitialSilenceTimeoutInSeconds * (long)SeamSampleRate)
            {
                Complete(op, MediaCompletionReason.InitialSilenceTimeout, null, null);
            }
        }
        else if (op is { Phase: OperationPhase.Recording })
        {
            var request = op.Record!;
            var cap = request.MaxRecordDurationInSeconds * (long)SeamSampleRate;
            if (SamplesProcessed - op.RecordStart >= cap)
            {
                FinishRecording(op, MediaCompletionReason.MaxRecordDurationReached, op.RecordStart + cap, toneMargin: 0);
            }
            else if (!_speech.InSpeech
                && SamplesProcessed - Math.Max(_speech.End, op.RecordStart) >= request.MaxSilenceTimeoutInSeconds * (long)SeamSampleRate)
            {
                FinishRecording(op, MediaCompletionReason.MaxSilenceTimeout, SamplesProcessed, toneMargin: 0);
            }
        }
    }

    private void StartRecording(MediaOperation op, long start)
    {
        start = Math.Clamp(start, _history.Start, SamplesProcessed);
        op.RecordStart = start;
        op.WrittenUpTo = start;
        op.Writer = new RecordingWriter(_sink.Open(op.Id), SeamSampleRate, _options.RecordingSampleRate);
        op.Phase = OperationPhase.Recording;
        WriteThrough(op);
    }

    private void WriteThrough(MediaOperation op)
    {
        var writer = op.Writer!;
        while (op.WrittenUpTo < SamplesProcessed)
        {
            var count = _history.Read(op.WrittenUpTo, _copy);
            writer.Append(_copy.AsSpan(0, count));
            op.WrittenUpTo += count;
        }
    }

    /// <summary>Ends a listening or recording record with its recording (empty if no speech was recorded).</summary>
    /// <param name="op">The head operation.</param>
    /// <param name="reason">Why.</param>
    /// <param name="end">Latest position to keep (a stop tone's onset, the cap, or now).</param>
    /// <param name="toneMargin">How close to <paramref name="end"/> a speech onset is taken to be the tone.</param>
    private void FinishRecording(MediaOperation op, MediaCompletionReason reason, long end, long toneMargin)
    {
        if (op.Writer is null)
        {
            StartRecording(op, SamplesProcessed);
            end = op.RecordStart;
        }

        var speechEnd = _speech.LastSpeechEndBefore(end, toneMargin);
        var limit = speechEnd < 0 ? op.RecordStart : speechEnd + _trailingKeep;
        var final = Math.Max(op.RecordStart, Math.Min(end, limit));
        var writer = op.Writer!;
        long duration;
        try
        {
            duration = writer.Complete(final - op.RecordStart);
        }
        finally
        {
            writer.Dispose();
            op.Writer = null;
        }

        var recording = new RecordingInfo(op.Id, _options.RecordingSampleRate, duration) { ConcealedFrames = op.ConcealedFrames };
        _sink.Completed(recording);
        Complete(op, reason, recording, null);
    }
}
