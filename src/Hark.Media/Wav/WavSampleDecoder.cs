using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Hark.Media.Codecs;

namespace Hark.Media.Wav;

/// <summary>Turns the frames of a data chunk into mono PCM16, averaging channels.</summary>
internal static class WavSampleDecoder
{
    public static short[] Decode(ReadOnlySpan<byte> data, WavFormat format)
    {
        var frames = data.Length / format.BlockAlign;
        var samples = new short[frames];
        if (format is { Channels: 1, Encoding: WavEncoding.Pcm16 } && BitConverter.IsLittleEndian)
        {
            // The common case (our own recordings, most prompts) is already the output format.
            MemoryMarshal.Cast<byte, short>(data[..(2 * frames)]).CopyTo(samples);
            return samples;
        }

        var bytesPerSample = format.BlockAlign / format.Channels;
        var channels = format.Channels;
        for (var f = 0; f < frames; f++)
        {
            var frame = data.Slice(f * format.BlockAlign, format.BlockAlign);
            if (channels == 1)
            {
                samples[f] = DecodeOne(frame, format.Encoding);
                continue;
            }

            long sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += DecodeOne(frame[(c * bytesPerSample)..], format.Encoding);
            }

            // Round half up, like the per-channel conversions below.
            samples[f] = (short)Math.Floor((sum + (channels / 2.0)) / channels);
        }

        return samples;
    }

    private static short DecodeOne(ReadOnlySpan<byte> s, WavEncoding encoding) => encoding switch
    {
        WavEncoding.UnsignedPcm8 => (short)((s[0] - 128) << 8),
        WavEncoding.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(s),
        WavEncoding.Pcm24 => RoundToInt16(s[0] | (s[1] << 8) | ((sbyte)s[2] << 16), 8),
        WavEncoding.Pcm32 => RoundToInt16(BinaryPrimitives.ReadInt32LittleEndian(s), 16),
        WavEncoding.Float32 => FloatToInt16(BinaryPrimitives.ReadSingleLittleEndian(s)),
        WavEncoding.Float64 => FloatToInt16(BinaryPrimitives.ReadDoubleLittleEndian(s)),
        WavEncoding.MuLaw => MuLaw.Decode(s[0]),
        WavEncoding.ALaw => ALaw.Decode(s[0]),
        _ => throw new WavFormatException($"Unsupported encoding {encoding}."),
    };

    // Keeps the top 16 bits, rounding half up; only the largest positive values round past 32767.
    private static short RoundToInt16(long value, int shift) =>
        (short)Math.Min((value + (1L << (shift - 1))) >> shift, short.MaxValue);

    // Full scale is +-1.0; out-of-range values clip, NaN is silence.
    private static short FloatToInt16(double value) =>
        double.IsNaN(value) ? (short)0 : (short)Math.Clamp(Math.Floor((value * 32768.0) + 0.5), short.MinValue, short.MaxValue);
}
