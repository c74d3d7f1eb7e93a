using System.Buffers.Binary;

namespace Hark.Samples.Voicemail;

/// <summary>The default prompt: a two-note chime as a 16 kHz mono PCM16 WAV (what Graph prompts must be).</summary>
internal static class Chime
{
    private const int SampleRate = 16000;

    public static byte[] CreateWav()
    {
        double[] notes = [660, 880];
        var perNote = SampleRate * 3 / 10;
        var samples = new short[notes.Length * perNote];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)(i % perNote) / SampleRate;
            var decay = Math.Exp(-4 * t);
            samples[i] = (short)(6000 * decay * Math.Sin(2 * Math.PI * notes[i / perNote] * t));
        }

        var wav = new byte[44 + (samples.Length * 2)];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples.Length * 2);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (2 * i)), samples[i]);
        }

        return wav;
    }
}
