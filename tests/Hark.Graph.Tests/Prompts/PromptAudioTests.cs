using Hark.Graph.Prompts;

namespace Hark.Graph.Tests.Prompts;

public sealed class PromptAudioTests
{
    [Theory]
    [InlineData(16000, 8000)]
    [InlineData(8000, 16000)]
    [InlineData(44100, 8000)]
    [InlineData(48000, 16000)]
    [InlineData(22050, 16000)]
    [InlineData(11025, 8000)]
    [InlineData(32000, 16000)]
    public void Resample_Tone_KeepsLengthAndPhase(int inputRate, int outputRate)
    {
        var input = TestAudio.Tone(inputRate, 300, 0.5);

        var output = PromptAudio.Resample(input, inputRate, outputRate);

        var expectedLength = (long)input.Length * outputRate / inputRate;
        Assert.InRange(output.Length, expectedLength - 1, expectedLength + 1);
        var reference = TestAudio.Tone(outputRate, 300, (double)output.Length / outputRate);
        var edge = outputRate / 50;
        var error = TestAudio.RmsDifference(output.AsSpan(edge, output.Length - (2 * edge)), reference.AsSpan(edge, output.Length - (2 * edge)));
        Assert.True(error < 8, $"RMS difference {error:F1}: the output is shifted or distorted");
    }

    [Fact]
    public void Resample_OnsetMidFile_StaysAtTheSameTime()
    {
        // Silence, then a tone from exactly 0.25 s: the first loud output sample must be at 0.25 s too.
        var input = new short[16000 / 2];
        TestAudio.Tone(16000, 1000, 0.25).CopyTo(input, 4000);

        var output = PromptAudio.Resample(input, 16000, 8000);

        var onset = Array.FindIndex(output, s => Math.Abs((int)s) > 2000);
        Assert.InRange(onset, 2000, 2004);
    }

    [Fact]
    public void Resample_SameRate_ReturnsTheInput()
    {
        var input = TestAudio.Tone(8000, 440, 0.01);

        Assert.Same(input, PromptAudio.Resample(input, 8000, 8000));
    }

    [Fact]
    public void Resample_Empty_Empty()
    {
        Assert.Empty(PromptAudio.Resample([], 16000, 8000));
    }

    [Fact]
    public void Decode_UnconvertibleRate_SaysWhichRate()
    {
        var wav = TestAudio.Pcm16Wav(1009, new short[100]);

        var failure = Assert.Throws<PromptLoadException>(() => PromptAudio.Decode("http://x/p.wav", wav, 8000));

        Assert.Equal("its sample rate of 1009 Hz cannot be converted to 8000 Hz", failure.Reason);
    }
}
