using Hark.Calls.Simulation;
using Hark.Media.Dtmf;

namespace Hark.Calls.Media;

/// <summary>sendDtmfTones: the bot's keys, one after another, each followed by the requested silence.</summary>
public sealed partial class CallMediaProcessor
{
    /// <summary>How long each key sounds: what phones send, well above the 40 ms ITU-T Q.24 receivers need.</summary>
    public static readonly TimeSpan DtmfToneDuration = TimeSpan.FromMilliseconds(100);

    private readonly Queue<DtmfSend> _dtmfSends = new();

    /// <summary>
    /// Queues <paramref name="keys"/> to send, <see cref="DtmfToneDuration"/> each with <paramref name="gap"/> of
    /// silence after each but the last. In-band (two sines in what the caller hears, replacing the bot's other audio
    /// meanwhile) unless <paramref name="outOfBand"/>, when each key is a <see cref="DtmfToneStartedEvent"/> for the
    /// transport to send as RFC 4733 events and the audio goes on. Sends queue behind each other, outside the
    /// playPrompt/record queue; the operation completes when the last tone has ended.
    /// </summary>
    public void EnqueueDtmfTones(string operationId, IReadOnlyList<DtmfKey> keys, TimeSpan gap, bool outOfBand = false)
    {
        ValidateNew(operationId);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(gap, TimeSpan.Zero);
        foreach (var key in keys)
        {
            if (!outOfBand && !DtmfToneSynth.HasTones(key))
            {
                throw new ArgumentException($"{key} has no tone pair to send in-band.", nameof(keys));
            }
        }

        foreach (var send in _dtmfSends)
        {
            if (send.Id == operationId)
            {
                throw new ArgumentException($"Operation '{operationId}' is already pending.", nameof(operationId));
            }
        }

        _dtmfSends.Enqueue(new DtmfSend(operationId, [.. keys], ToSamples(DtmfToneDuration), ToSamples(gap), outOfBand));
    }

    /// <summary>Sends pending in the queue (the running one included).</summary>
    public int PendingDtmfSends => _dtmfSends.Count;

    // After the rest of the outbound frame is written: an in-band tone or its gap replaces it.
    private void ProduceDtmf(Span<short> outbound)
    {
        var pos = 0;
        while (pos < outbound.Length && _dtmfSends.TryPeek(out var send))
        {
            var key = send.Keys[send.KeyIndex];
            var toneAndGap = send.ToneSamples + (send.KeyIndex == send.Keys.Length - 1 ? 0 : send.GapSamples);
            if (send.Offset == 0 && send.OutOfBand)
            {
                _events.Enqueue(new DtmfToneStartedEvent(send.Id, key, DtmfToneDuration));
                OutboundKeyStarted = key;
            }

            var count = (int)Math.Min(toneAndGap - send.Offset, outbound.Length - pos);
            if (!send.OutOfBand)
            {
                var toneCount = (int)Math.Clamp(send.ToneSamples - send.Offset, 0, count);
                DtmfToneSynth.Write(key, send.Offset, send.ToneSamples, SeamSampleRate, outbound.Slice(pos, toneCount));
                outbound.Slice(pos + toneCount, count - toneCount).Clear();
            }

            pos += count;
            send.Offset += count;
            if (send.Offset < toneAndGap)
            {
                continue;
            }

            send.Offset = 0;
            if (++send.KeyIndex == send.Keys.Length)
            {
                _dtmfSends.Dequeue();
                _events.Enqueue(new OperationCompletedEvent(send.Id, MediaOperationKind.SendDtmfTones, MediaCompletionReason.CompletedSuccessfully, null));
            }
        }
    }

    private void CancelDtmfSends()
    {
        while (_dtmfSends.TryDequeue(out var send))
        {
            _events.Enqueue(new OperationCompletedEvent(send.Id, MediaOperationKind.SendDtmfTones, MediaCompletionReason.OperationCanceled, null));
        }
    }

    private sealed class DtmfSend(string id, DtmfKey[] keys, long toneSamples, long gapSamples, bool outOfBand)
    {
        public string Id { get; } = id;

        public DtmfKey[] Keys { get; } = keys;

        public long ToneSamples { get; } = toneSamples;

        public long GapSamples { get; } = gapSamples;

        public bool OutOfBand { get; } = outOfBand;

        public int KeyIndex { get; set; }

        public long Offset { get; set; }
    }
}
