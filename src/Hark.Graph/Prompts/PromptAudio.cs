using Hark.Media.Resampling;
using Hark.Media.Wav;

namespace Hark.Graph.Prompts;

/// <summary>Turns a prompt file into mono PCM16 at the call's rate, time-aligned with the original.</summary>
internal static class PromptAudio
{
    private const int ChunkSamples = 4096;

    /// <summary>Decodes and resamples; <see cref="PromptLoadException"/> when the bytes are not a usable WAV file.</summary>
    public static short[] Decode(string uri, byte[] file, int sampleRate)
    {
        WavAudio audio;
        try
        {
            audio = WavReader.Read(file);
        }
        catch (WavFormatException ex)
        {
            throw new PromptLoadException(uri, "not a WAV file: " + ex.Message.TrimEnd('.'), ex);
        }

        try
        {
            return Resample(audio.Samples, audio.SampleRate, sampleRate);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new PromptLoadException(uri, $"its sample rate of {audio.SampleRate} Hz cannot be converted to {sampleRate} Hz", ex);
        }
    }

    /// <summary>
    /// Converts <paramref name="input"/> to <paramref name="outputRate"/>, keeping its duration: output sample i is
    /// the input at time i / outputRate. The resampler's first DelaySamples outputs (its group delay) are dropped and
    /// its tail is pushed out with zeros, as the recording writer does, so the result holds
    /// floor(length × outputRate / inputRate) samples. Returns <paramref name="input"/> itself when the rates match.
    /// </summary>
    public static short[] Resample(short[] input, int inputRate, int outputRate)
    {
        if (inputRate == outputRate)
        {
            return input;
        }

        var resampler = new Resampler(inputRate, outputRate);
        var output = new short[checked((int)((long)input.Length * outputRate / inputRate))];
        var buffer = new short[resampler.MaxOutputLength(ChunkSamples)];
        var zeros = new short[ChunkSamples];
        var toDrop = resampler.DelaySamples;
        var written = 0;
        var offset = 0;
        for (var flushes = 0; written < output.Length && flushes < 64;)
        {
            ReadOnlySpan<short> chunk;
            if (offset < input.Length)
            {
                chunk = input.AsSpan(offset, Math.Min(ChunkSamples, input.Length - offset));
                offset += chunk.Length;
            }
            else
            {
                chunk = zeros;
                flushes++;
            }

            var count = resampler.Process(chunk, buffer);
            var skip = Math.Min(count, toDrop);
            toDrop -= skip;
            var take = Math.Min(count - skip, output.Length - written);
            buffer.AsSpan(skip, take).CopyTo(output.AsSpan(written));
            written += take;
        }

        return output;
    }
}
