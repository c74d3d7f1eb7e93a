using System.Diagnostics.CodeAnalysis;
using Hark.Media.Dtmf;
using Hark.Media.Recording;
using Hark.Media.Tones;
using Hark.Media.Vad;

namespace Hark.Calls.Media;

/// <summary>
/// The media engine of one call: the call's actor feeds it 20 ms frames and commands, it plays what the
/// caller should hear, runs the playPrompt/record queue, detects DTMF and speech, writes recordings, and
/// reports decisions through <see cref="TryRead"/>. Time is frames seen × 20 ms; positions are seam
/// samples counted from the first frame. No clock, no I/O except the <see cref="IRecordingSink"/> streams.
/// </summary>
/// <remarks>
/// <para>Queue (Graph semantics): playPrompt and record share one FIFO and run in order. An operation with
/// bargeInAllowed cancels the running and queued ones (in order) and becomes the head at once; its audio
/// starts with the next frame. An operation whose next prompt is not loaded yet waits at that point,
/// playing comfort noise; a failed prompt ends it as <see cref="MediaCompletionReason.PlayPromptFailed"/>
/// when playback reaches that prompt (earlier prompts play). Operations can finish mid-frame; the next
/// one continues in the same frame.</para>
/// <para>Record: prompt, then beep (if asked), then listen. The detector hears every inbound frame from
/// the call's start (its noise floor is learned during the prompt), but only speech confirmed while
/// listening starts a recording. Speech already in progress when listening begins (the caller talking
/// over the beep) starts the recording at the listen start; audio from before listening is never kept.
/// Stop tones count only while listening or recording.</para>
/// <para>DTMF: in-band keys come from a Goertzel detector over the inbound audio; <see cref="OnKey"/>
/// reports RFC 4733 keys. Once any out-of-band key is seen, in-band detection stops for the rest of the
/// call, so a key sent both ways is not counted twice.</para>
/// <para>Not thread-safe: one instance per call, driven by one thread at a time (the <c>CallActor</c> holds a lock
/// around it: frames come from the call's media thread, commands from its loop). ProcessFrame allocates nothing in
/// steady state; events, operations and recording streams are allocated.</para>
/// </remarks>
public sealed partial class CallMediaProcessor
{
    private readonly CallMediaOptions _options;
    private readonly IRecordingSink _sink;
    private readonly IVoiceActivityDetector _vad;
    private readonly DtmfDetector _dtmf;
    private readonly PcmHistory _history;
    private readonly ToneGenerator _beep;
    private readonly ComfortNoiseGenerator? _noise;
    private readonly SpeechTracker _speech = new();
    private readonly List<MediaOperation> _queue = [];
    private readonly Queue<MediaEvent> _events = new();
    private readonly short[] _copy;
    private readonly long _trailingKeep;
    private readonly long _stopToneGuard;
    private bool _outOfBand;
    private long _toneSequence;

    /// <summary>Creates the engine for a call whose media seam runs at <paramref name="seamSampleRate"/> (8000 or 16000).</summary>
    /// <param name="seamSampleRate">Rate of inbound and outbound frames and of loaded prompts.</param>
    /// <param name="sink">Where recordings are written.</param>
    /// <param name="options">Settings; <see cref="CallMediaOptions.Default"/> when null.</param>
    /// <param name="voiceActivityDetector">A detector at the seam rate; an <see cref="EnergyVoiceActivityDetector"/> when null.</param>
    public CallMediaProcessor(
        int seamSampleRate, IRecordingSink sink, CallMediaOptions? options = null, IVoiceActivityDetector? voiceActivityDetector = null)
    {
        if (seamSampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(seamSampleRate), seamSampleRate, "The seam runs at 8000 or 16000 Hz.");
        }

        ArgumentNullException.ThrowIfNull(sink);
        _options = options ?? CallMediaOptions.Default;
        _options.Validate();
        if (voiceActivityDetector is not null && voiceActivityDetector.SampleRate != seamSampleRate)
        {
            throw new ArgumentException("The detector must run at the seam rate.", nameof(voiceActivityDetector));
        }

        SeamSampleRate = seamSampleRate;
        FrameSamples = seamSampleRate / 50;
        _sink = sink;
        _vad = voiceActivityDetector ?? new EnergyVoiceActivityDetector(seamSampleRate, _options.Vad);
        _dtmf = new DtmfDetector(seamSampleRate);

        // Pre-roll: the detector may place an onset up to lookback + window frames before it confirms, and a first
        // speech already under way at the call's start up to FirstSpeechLookbackFrames back (its floor learned from
        // the speech, the start is confirmed about a second in): 1.28 s at the defaults, 20 KB at 8 kHz, 40 KB at 16.
        var vad = _options.Vad;
        var preRollFrames = Math.Max(16, Math.Max(vad.OnsetLookbackFrames + vad.OnsetWindowFrames + 2, vad.FirstSpeechLookbackFrames));
        _history = new PcmHistory(preRollFrames * FrameSamples);
        _beep = ToneGenerator.CreateBeep(seamSampleRate);
        _noise = _options.ComfortNoiseLevelDbfs is { } level ? new ComfortNoiseGenerator(level, seed: 1) : null;
        _copy = new short[FrameSamples];
        _trailingKeep = ToSamples(_options.TrailingSilenceKept);
        _stopToneGuard = ToSamples(_options.StopToneGuard);
    }

    /// <summary>Rate of frames and prompts in Hz.</summary>
    public int SeamSampleRate { get; }

    /// <summary>Samples in one 20 ms frame at the seam rate.</summary>
    public int FrameSamples { get; }

    /// <summary>Seam samples processed so far; the position the next frame starts at.</summary>
    public long SamplesProcessed { get; private set; }

    /// <summary>True once <see cref="SubscribeToTones"/> has been called.</summary>
    public bool IsSubscribedToTones { get; private set; }

    /// <summary>True while the bot's audio is server-muted: the caller hears digital silence, prompts included.</summary>
    public bool IsMuted { get; private set; }

    /// <summary>
    /// Whether the last frame's outbound audio is only what plays while nothing does (silence or comfort noise; no
    /// prompt, beep or in-band key, or muted): the media edge may leave it unsent (silence suppression).
    /// </summary>
    public bool OutboundIsIdle { get; private set; } = true;

    /// <summary>
    /// The key whose out-of-band send (RFC 4733 events, <see cref="DtmfToneDuration"/> long) starts in the last frame,
    /// if one does: a media edge on the frame's thread starts its events there, in the frame's own media time.
    /// </summary>
    public DtmfKey? OutboundKeyStarted { get; private set; }

    /// <summary>True after <see cref="CallEnded"/>; the engine then accepts nothing more.</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Operations running or waiting.</summary>
    public int PendingOperations => _queue.Count;

    private MediaOperation? Head => _queue.Count > 0 ? _queue[0] : null;

    /// <summary>True while decisions wait to be read with <see cref="TryRead"/>.</summary>
    public bool HasEvents => _events.Count > 0;

    /// <summary>Takes the next decision, if any. Read until false after each call that can produce events.</summary>
    public bool TryRead([NotNullWhen(true)] out MediaEvent? mediaEvent) => _events.TryDequeue(out mediaEvent);

    /// <summary>
    /// Queues a playPrompt of <paramref name="promptCount"/> prompts (audio follows through
    /// <see cref="PromptLoaded"/>); returns <paramref name="operationId"/>.
    /// </summary>
    public string EnqueuePlayPrompt(string operationId, int promptCount, bool bargeInAllowed = false)
    {
        ValidateNew(operationId);
        ArgumentOutOfRangeException.ThrowIfLessThan(promptCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(promptCount, _options.Limits.MaxPlayPrompts);
        Enqueue(new MediaOperation(operationId, MediaOperationKind.PlayPrompt, promptCount, null, 0), bargeInAllowed);
        return operationId;
    }

    /// <summary>Queues a record; returns <paramref name="operationId"/>, which also names its recording.</summary>
    public string EnqueueRecord(string operationId, RecordRequest request)
    {
        ValidateNew(operationId);
        ArgumentNullException.ThrowIfNull(request);
        var limits = _options.Limits;
        ArgumentOutOfRangeException.ThrowIfNegative(request.PromptCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.PromptCount, limits.MaxRecordPrompts);
        ValidateSeconds(request.InitialSilenceTimeoutInSeconds, nameof(request.InitialSilenceTimeoutInSeconds));
        ValidateSeconds(request.MaxSilenceTimeoutInSeconds, nameof(request.MaxSilenceTimeoutInSeconds));
        ValidateSeconds(request.MaxRecordDurationInSeconds, nameof(request.MaxRecordDurationInSeconds));
        var mask = 0;
        foreach (var key in request.StopTones)
        {
            mask |= 1 << (int)key;
        }

        Enqueue(new MediaOperation(operationId, MediaOperationKind.Record, request.PromptCount, request, mask), request.BargeInAllowed);
        return operationId;
    }

    /// <summary>
    /// Hands over prompt <paramref name="promptIndex"/> of an operation, as PCM16 at the seam rate, to be played
    /// <paramref name="plays"/> times in a row (the prompt's <c>loop</c>). Returns false when the operation is
    /// no longer pending (it was cancelled meanwhile); the audio is then dropped.
    /// </summary>
    public bool PromptLoaded(string operationId, int promptIndex, short[] pcmAtSeamRate, int plays = 1)
    {
        ArgumentNullException.ThrowIfNull(pcmAtSeamRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(plays, 1);
        var op = Find(operationId, promptIndex);
        if (op is null)
        {
            return false;
        }

        op.Prompts[promptIndex] = pcmAtSeamRate;
        op.PromptPlays[promptIndex] = plays;
        return true;
    }

    /// <summary>
    /// Reports that a prompt could not be fetched or decoded; the operation fails with
    /// <see cref="MediaCompletionReason.PlayPromptFailed"/> (and <paramref name="reason"/> as its message)
    /// when playback reaches it. Returns false when the operation is no longer pending.
    /// </summary>
    public bool PromptFailed(string operationId, int promptIndex, string reason)
    {
        var op = Find(operationId, promptIndex);
        if (op is null)
        {
            return false;
        }

        op.Failures[promptIndex] = string.IsNullOrEmpty(reason) ? "The prompt could not be played." : reason;
        return true;
    }

    /// <summary>From now on every key press is reported as a <see cref="ToneReceivedEvent"/> (outside the queue).</summary>
    public void SubscribeToTones()
    {
        ThrowIfEnded();
        IsSubscribedToTones = true;
    }

    /// <summary>
    /// Server mute of the bot's own audio (Graph's mute/unmute). Operations keep running on time while muted
    /// (a prompt played then is lost, as packets a server drops are), only what the caller hears is silenced.
    /// </summary>
    public void SetMuted(bool muted)
    {
        ThrowIfEnded();
        IsMuted = muted;
    }

    /// <summary>
    /// cancelMediaProcessing: the running and queued operations end cancelled, in queue order (then pending
    /// sendDtmfTones); recordings in progress are discarded.
    /// </summary>
    public void CancelAll()
    {
        ThrowIfEnded();
        CancelFrom(0);
        CancelDtmfSends();
    }

    /// <summary>
    /// The call is over. A record that is listening or recording completes as <paramref name="recordReason"/>
    /// (<see cref="MediaCompletionReason.CallerHungUp"/>, or <see cref="MediaCompletionReason.MediaReceiveTimeout"/>
    /// when the caller's media stopped) with its recording kept (trailing silence trimmed; empty if no speech
    /// came); anything else, running or queued, ends cancelled.
    /// </summary>
    public void CallEnded(MediaCompletionReason recordReason = MediaCompletionReason.CallerHungUp)
    {
        if (recordReason is not (MediaCompletionReason.CallerHungUp or MediaCompletionReason.MediaReceiveTimeout))
        {
            throw new ArgumentOutOfRangeException(nameof(recordReason), recordReason, "A call ends by a hang-up or by lost media.");
        }

        if (IsEnded)
        {
            return;
        }

        if (Head is { Phase: OperationPhase.Listening or OperationPhase.Recording } head)
        {
            FinishRecording(head, recordReason, SamplesProcessed, toneMargin: 0);
        }

        CancelFrom(0);
        CancelDtmfSends();
        IsEnded = true;
    }

    private void Enqueue(MediaOperation op, bool bargeIn)
    {
        if (bargeIn)
        {
            CancelFrom(0);
        }

        _queue.Add(op);
    }

    private void CancelFrom(int index)
    {
        while (_queue.Count > index)
        {
            var op = _queue[index];
            if (op.Writer is { } writer)
            {
                writer.Dispose();
                op.Writer = null;
                _sink.Discarded(op.Id);
            }

            Complete(op, MediaCompletionReason.OperationCanceled, null, null);
        }
    }

    private void Complete(MediaOperation op, MediaCompletionReason reason, RecordingInfo? recording, string? message)
    {
        op.Phase = OperationPhase.Done;
        _queue.Remove(op);
        _events.Enqueue(new OperationCompletedEvent(op.Id, op.Kind, reason, recording) { Message = message });
    }

    private MediaOperation? Find(string operationId, int promptIndex)
    {
        foreach (var op in _queue)
        {
            if (op.Id == operationId)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(promptIndex);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(promptIndex, op.Prompts.Length);
                return op;
            }
        }

        return null;
    }

    private void ValidateNew(string operationId)
    {
        ThrowIfEnded();
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        foreach (var op in _queue)
        {
            if (op.Id == operationId)
            {
                throw new ArgumentException($"Operation '{operationId}' is already pending.", nameof(operationId));
            }
        }
    }

    private void ValidateSeconds(int seconds, string name)
    {
        if (seconds < _options.Limits.MinTimeoutSeconds || seconds > _options.Limits.MaxTimeoutSeconds)
        {
            throw new ArgumentOutOfRangeException(name, seconds, "Outside the configured limits.");
        }
    }

    private void ThrowIfEnded()
    {
        if (IsEnded)
        {
            throw new InvalidOperationException("The call has ended.");
        }
    }

    private long ToSamples(TimeSpan time) => (long)Math.Round(time.TotalSeconds * SeamSampleRate);
}
