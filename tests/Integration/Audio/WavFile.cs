using System.Buffers.Binary;
using Hark.Media.Resampling;
using Hark.Media.Wav;

namespace Hark.Integration.Audio;

/// <summary>WAV bytes in and out for the tests: encode, decode, inspect the header, resample.</summary>
public static class WavFile
{
    /// <summary>A RIFF PCM16 mono file.</summary>
    public static byte[] Encode(short[] samples, int sampleRate)
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, sampleRate, leaveOpen: true))
        {
            writer.Write(samples);
        }

        return stream.ToArray();
    }

    /// <summary>The file as a data: URI (what the virtual caller's play step accepts).</summary>
    public static string ToDataUri(byte[] wav) => "data:audio/wav;base64," + Convert.ToBase64String(wav);

    /// <summary>Decodes with the media core's reader (mono PCM16 at the file's rate).</summary>
    public static WavAudio Decode(byte[] wav) => WavReader.Read(wav);

    /// <summary>The fmt chunk as written, before any decoding: what the file claims to be.</summary>
    public static WavHeader ReadHeader(byte[] wav)
    {
        if (wav.Length < 12 || !wav.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !wav.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a RIFF/WAVE file.");
        }

        var pos = 12;
        while (pos + 8 <= wav.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(pos + 4));
            if (wav.AsSpan(pos, 4).SequenceEqual("fmt "u8))
            {
                var fmt = wav.AsSpan(pos + 8);
                return new WavHeader(
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt),
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]));
            }

            pos += 8 + size + (size & 1);
        }

        throw new InvalidDataException("No fmt chunk.");
    }

    /// <summary>
    /// Converts with the media core's resampler, dropping its group delay so sample n of the result is
    /// at the same time as sample n of the input.
    /// </summary>
    public static short[] Resample(short[] samples, int fromRate, int toRate)
    {
        if (fromRate == toRate)
        {
            return (short[])samples.Clone();
        }

        var resampler = new Resampler(fromRate, toRate);
        var expected = (int)((long)samples.Length * toRate / fromRate);
        var tail = new short[(resampler.DelaySamples * fromRate / toRate) + 64];
        var output = new short[resampler.MaxOutputLength(samples.Length) + resampler.MaxOutputLength(tail.Length)];
        var written = resampler.Process(samples, output);
        written += resampler.Process(tail, output.AsSpan(written));
        var start = Math.Min(resampler.DelaySamples, written);
        return output.AsSpan(start, Math.Min(expected, written - start)).ToArray();
    }
}
