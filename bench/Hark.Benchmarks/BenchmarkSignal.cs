using Hark.Media.Codecs;

namespace Hark.Benchmarks;

/// <summary>
/// A deterministic, speech-like test signal (voiced harmonics with a wandering pitch plus noise),
/// cut into 20 ms frames, so each benchmark sees varied frames rather than one repeated buffer.
/// </summary>
internal static class BenchmarkSignal
{
    public const int FrameCount = 50;

    /// <summary>Advances a frame cursor; wraps without overflowing, however many iterations run.</summary>
    public static int Next(ref int frame) => frame = (frame + 1) % FrameCount;

    public static short[][] Frames(int sampleRate)
    {
        var frameLength = sampleRate / 50;
        var random = new Random(4733);
        var frames = new short[FrameCount][];
        var phase = 0.0;
        for (var f = 0; f < FrameCount; f++)
        {
            frames[f] = new short[frameLength];
            var pitch = 110 + 40 * Math.Sin(f * 0.3);
            for (var i = 0; i < frameLength; i++)
            {
                phase += 2 * Math.PI * pitch / sampleRate;
                var voiced = 0.0;
                for (var h = 1; h <= 12; h++)
                {
                    voiced += Math.Sin(h * phase) / h;
                }

                var noise = (random.NextDouble() * 2 - 1) * 0.05;
                frames[f][i] = (short)Math.Clamp((voiced * 0.25 + noise) * 32767 * (f % 10 < 7 ? 1 : 0.02), short.MinValue, short.MaxValue);
            }
        }

        return frames;
    }

    public static byte[][] MuLawFrames()
    {
        var pcm = Frames(8000);
        var encoded = new byte[FrameCount][];
        for (var f = 0; f < FrameCount; f++)
        {
            encoded[f] = new byte[pcm[f].Length];
            MuLaw.Encode(pcm[f], encoded[f]);
        }

        return encoded;
    }
}
