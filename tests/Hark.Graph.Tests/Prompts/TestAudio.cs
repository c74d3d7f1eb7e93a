using System.Buffers.Binary;
using Hark.Media.Codecs;
using Hark.Media.Wav;

namespace Hark.Graph.Tests.Prompts;

/// <summary>Builds test signals and WAV files, and measures them.</summary>
internal static class TestAudio
{
    public static short[] Tone(int sampleRate, double frequency, double seconds, double amplitude = 8000)
    {
        var samples = new short[(int)Math.Round(sampleRate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return samples;
    }

    /// <summary>PCM16 mono through the media core's own writer.</summary>
    public static byte[] Pcm16Wav(int sampleRate, short[] samples)
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, sampleRate, leaveOpen: true))
        {
            writer.Write(samples);
        }

        return stream.ToArray();
    }

    /// <summary>PCM16 with two channels, interleaved.</summary>
    public static byte[] StereoWav(int sampleRate, short[] left, short[] right)
    {
        var data = new byte[left.Length * 4];
        for (var i = 0; i < left.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 4), left[i]);
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan((i * 4) + 2), right[i]);
        }

        return Wav(formatTag: 1, channels: 2, sampleRate, bitsPerSample: 16, data);
    }

    /// <summary>G.711 mu-law mono (format tag 7), 8 bits per sample.</summary>
    public static byte[] MuLawWav(int sampleRate, short[] samples)
    {
        var data = new byte[samples.Length];
        MuLaw.Encode(samples, data);
        return Wav(formatTag: 7, channels: 1, sampleRate, bitsPerSample: 8, data);
    }

    /// <summary>Zero crossings from negative to non-negative: a tone of f Hz gives about f per second.</summary>
    public static int RisingZeroCrossings(ReadOnlySpan<short> samples)
    {
        var count = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                count++;
            }
        }

        return count;
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    /// <summary>RMS of the difference between two equally long signals.</summary>
    public static double RmsDifference(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / a.Length);
    }

    private static byte[] Wav(short formatTag, short channels, int sampleRate, short bitsPerSample, byte[] data)
    {
        var blockAlign = (short)(channels * bitsPerSample / 8);
        var file = new byte[12 + 8 + 18 + 8 + data.Length];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], file.Length - 8);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 18);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], formatTag);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], bitsPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(span[36..], 0);
        "data"u8.CopyTo(span[38..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[42..], data.Length);
        data.CopyTo(span[46..]);
        return file;
    }
}
