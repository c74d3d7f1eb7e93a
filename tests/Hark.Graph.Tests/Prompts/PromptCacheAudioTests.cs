using System.Text;

namespace Hark.Graph.Tests.Prompts;

/// <summary>What comes out of the cache: the right rate, length and content for each kind of file and URI.</summary>
[Collection(PromptServerCollection.Name)]
public sealed class PromptCacheAudioTests(PromptTestServer server) : IDisposable
{
    private readonly PromptCacheFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public async Task GetAsync_Tone16kMono_KeepsLengthAndPitch(int rate)
    {
        var cache = _factory.Create();
        var url = server.Serve(TestAudio.Pcm16Wav(16000, TestAudio.Tone(16000, 440, 1.0)));

        var samples = await cache.GetAsync(url, null, rate, CancellationToken.None);

        Assert.InRange(samples.Length, rate - 1, rate + 1);
        Assert.InRange(TestAudio.RisingZeroCrossings(samples), 438, 442);
        AssertMatchesTone(samples, rate, 440, 8000);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public async Task GetAsync_MuLaw8k_DecodesAndResamples(int rate)
    {
        var cache = _factory.Create();
        var url = server.Serve(TestAudio.MuLawWav(8000, TestAudio.Tone(8000, 440, 0.5)));

        var samples = await cache.GetAsync(url, null, rate, CancellationToken.None);

        Assert.InRange(samples.Length, (rate / 2) - 1, (rate / 2) + 1);
        Assert.InRange(TestAudio.RisingZeroCrossings(samples), 218, 222);
        AssertMatchesTone(samples, rate, 440, 8000);
    }

    [Fact]
    public async Task GetAsync_StereoWithOneSilentChannel_IsDownmixedToHalfLevel()
    {
        var cache = _factory.Create();
        var tone = TestAudio.Tone(16000, 440, 0.5);
        var url = server.Serve(TestAudio.StereoWav(16000, tone, new short[tone.Length]));

        var samples = await cache.GetAsync(url, null, 16000, CancellationToken.None);

        Assert.Equal(tone.Length, samples.Length);
        AssertMatchesTone(samples, 16000, 440, 4000);
    }

    [Theory]
    [InlineData("data:audio/wav;base64,")]
    [InlineData("data:;base64,")]
    [InlineData("DATA:audio/x-wav;name=p.wav;BASE64,")]
    public async Task GetAsync_Base64DataUri_Decodes(string prefix)
    {
        var cache = _factory.Create();
        var uri = prefix + Convert.ToBase64String(TestAudio.Pcm16Wav(16000, TestAudio.Tone(16000, 440, 0.25)));

        var samples = await cache.GetAsync(uri, null, 8000, CancellationToken.None);

        Assert.InRange(samples.Length, 1999, 2001);
        AssertMatchesTone(samples, 8000, 440, 8000);
    }

    [Fact]
    public async Task GetAsync_PercentEncodedDataUri_Decodes()
    {
        var cache = _factory.Create();
        var wav = TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.25));
        var text = new StringBuilder("data:audio/wav,");
        foreach (var b in wav)
        {
            // Letters and digits raw, everything else escaped, as an encoder would.
            text.Append(char.IsAsciiLetterOrDigit((char)b) ? ((char)b).ToString() : $"%{b:X2}");
        }

        var samples = await cache.GetAsync(text.ToString(), null, 8000, CancellationToken.None);

        Assert.Equal(2000, samples.Length);
        AssertMatchesTone(samples, 8000, 440, 8000);
    }

    // The resampled audio must be the same sine at the same phase (no leftover filter delay), apart from the
    // filter's settling at both ends.
    private static void AssertMatchesTone(short[] samples, int rate, double frequency, double amplitude)
    {
        var expected = TestAudio.Tone(rate, frequency, (double)samples.Length / rate, amplitude);
        var edge = rate / 50;
        var middle = samples.AsSpan(edge, samples.Length - (2 * edge));
        var error = TestAudio.RmsDifference(middle, expected.AsSpan(edge, middle.Length));
        Assert.True(error < amplitude * 0.03, $"RMS difference {error:F1} from a {frequency} Hz sine of amplitude {amplitude}");
    }
}
