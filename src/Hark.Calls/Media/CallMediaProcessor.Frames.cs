using Hark.Media.Dtmf;

namespace Hark.Calls.Media;

/// <summary>Frame processing and what the caller hears.</summary>
public sealed partial class CallMediaProcessor
{
    /// <summary>
    /// Processes one 20 ms frame: writes what the caller should hear into <paramref name="outbound"/>
    /// (prompt, beep, or comfort noise/silence), then analyses <paramref name="inbound"/> (what the caller
    /// said in the same 20 ms) for speech and DTMF and advances the running record.
    /// </summary>
    /// <exception cref="ArgumentException">A span is not exactly <see cref="FrameSamples"/> long.</exception>
    public void ProcessFrame(ReadOnlySpan<short> inbound, Span<short> outbound) => ProcessFrame(inbound, outbound, concealed: false);

    /// <summary>
    /// As <see cref="ProcessFrame(ReadOnlySpan{short}, Span{short})"/>, for a frame the media edge made up for
    /// packets that never arrived when <paramref name="concealed"/>: a recording counts those
    /// (<see cref="RecordingInfo.ConcealedFrames"/>).
    /// </summary>
    public void ProcessFrame(ReadOnlySpan<short> inbound, Span<short> outbound, bool concealed)
    {
        if (concealed && Head is { Phase: OperationPhase.Recording } recording)
        {
            recording.ConcealedFrames++;
        }

        ThrowIfEnded();
        if (inbound.Length != FrameSamples || outbound.Length != FrameSamples)
        {
            throw new ArgumentException($"Frames are {FrameSamples} samples (20 ms).", nameof(inbound));
        }

        OutboundKeyStarted = null;
        var idle = ProduceOutbound(outbound, SamplesProcessed);
        idle &= _dtmfSends.Count == 0;
        ProduceDtmf(outbound);
        if (IsMuted)
        {
            outbound.Clear();
            idle = true;
        }

        OutboundIsIdle = idle;

        _history.Append(inbound);
        SamplesProcessed += FrameSamples;
        _speech.Update(_vad.Process(inbound), FrameSamples);
        AdvanceRecord();

        if (!_outOfBand)
        {
            var dtmf = _dtmf.Process(inbound);
            while (dtmf.Kind != DtmfEventKind.None)
            {
                if (dtmf.Kind == DtmfEventKind.KeyDown)
                {
                    HandleKey(dtmf.Key, dtmf.OnsetSample);
                }

                if (!_dtmf.TryRead(out dtmf))
                {
                    break;
                }
            }
        }

        CheckTimers();
    }

    /// <summary>
    /// An out-of-band (RFC 4733) key press: call once per press, with where the tone began in seam samples
    /// on this engine's timeline (the RTP event's timestamp mapped by the caller; pass
    /// <see cref="SamplesProcessed"/> if unknown). From now on in-band detection is off for this call.
    /// </summary>
    public void OnKey(DtmfKey key, long onsetSample)
    {
        ThrowIfEnded();
        _outOfBand = true;
        HandleKey(key, Math.Clamp(onsetSample, 0, SamplesProcessed));
    }

    /// <summary>
    /// The call's keys come as RFC 4733 events (telephone-event was negotiated): its audio is not searched for
    /// tones from now on, as after its first event.
    /// </summary>
    public void UseOutOfBandKeys() => _outOfBand = true;

    // True when the whole frame is what plays while nothing does (silence or comfort noise).
    private bool ProduceOutbound(Span<short> outbound, long frameStart)
    {
        var pos = 0;
        while (pos < outbound.Length)
        {
            var op = Head;
            if (op is null)
            {
                FillIdle(outbound[pos..]);
                return pos == 0;
            }

            switch (op.Phase)
            {
                case OperationPhase.NotStarted:
                    op.PromptIndex = 0;
                    op.PromptOffset = 0;
                    if (op.Prompts.Length > 0)
                    {
                        op.Phase = OperationPhase.Prompt;
                    }
                    else
                    {
                        AfterPrompts(op, frameStart + pos);
                    }

                    break;
                case OperationPhase.Prompt:
                    if (op.Failures[op.PromptIndex] is { } failure)
                    {
                        Complete(op, MediaCompletionReason.PlayPromptFailed, null, failure);
                        break;
                    }

                    if (op.Prompts[op.PromptIndex] is not { } pcm)
                    {
                        // Still being fetched: wait here, keeping the line alive.
                        FillIdle(outbound[pos..]);
                        return pos == 0;
                    }

                    var count = Math.Min(pcm.Length - op.PromptOffset, outbound.Length - pos);
                    pcm.AsSpan(op.PromptOffset, count).CopyTo(outbound[pos..]);
                    pos += count;
                    op.PromptOffset += count;
                    if (op.PromptOffset == pcm.Length)
                    {
                        op.PromptOffset = 0;
                        if (++op.PromptPlayed < op.PromptPlays[op.PromptIndex])
                        {
                            break;
                        }

                        op.PromptIndex++;
                        op.PromptPlayed = 0;
                        if (op.PromptIndex == op.Prompts.Length)
                        {
                            AfterPrompts(op, frameStart + pos);
                        }
                    }

                    break;
                case OperationPhase.Beep:
                    pos += _beep.Read(outbound[pos..]);
                    if (_beep.IsFinished)
                    {
                        StartListening(op, frameStart + pos);
                    }

                    break;
                default:
                    FillIdle(outbound[pos..]);
                    return pos == 0;
            }
        }

        return false;
    }

    private void AfterPrompts(MediaOperation op, long position)
    {
        if (op.Kind == MediaOperationKind.PlayPrompt)
        {
            Complete(op, MediaCompletionReason.CompletedSuccessfully, null, null);
        }
        else if (op.Record!.PlayBeep)
        {
            _beep.Reset();
            op.Phase = OperationPhase.Beep;
        }
        else
        {
            StartListening(op, position);
        }
    }

    private static void StartListening(MediaOperation op, long position)
    {
        op.Phase = OperationPhase.Listening;
        op.ListenStart = position;
    }

    private void FillIdle(Span<short> destination)
    {
        if (_noise is null)
        {
            destination.Clear();
        }
        else
        {
            _noise.Fill(destination);
        }
    }
}
