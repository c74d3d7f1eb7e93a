using Hark.Graph.Contracts;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

public sealed class SendDtmfTonesRequestValidatorTests
{
    private static readonly GraphLimitsOptions Limits = new();

    [Fact]
    public void Validate_KeysAndDelay_NoErrors()
    {
        Assert.Empty(SendDtmfTonesRequestValidator.Validate(new SendDtmfTonesRequest { Tones = [Tone.Tone0, Tone.Pound, Tone.D], DelayBetweenTonesMs = 250 }, Limits));
    }

    [Fact]
    public void Validate_MissingTones_ErrorOnTones()
    {
        Assert.Equal(["tones"], SendDtmfTonesRequestValidator.Validate(new SendDtmfTonesRequest(), Limits).Select(e => e.Path));
    }

    [Fact]
    public void Validate_FlashNullTooManyAndBadDelay_OneErrorEach()
    {
        var errors = SendDtmfTonesRequestValidator.Validate(new SendDtmfTonesRequest { Tones = [Tone.Tone1, null, Tone.Flash], DelayBetweenTonesMs = -1 }, Limits);
        var tooMany = SendDtmfTonesRequestValidator.Validate(
            new SendDtmfTonesRequest { Tones = [.. Enumerable.Repeat<Tone?>(Tone.Tone1, Limits.MaxDtmfTones + 1)], DelayBetweenTonesMs = Limits.MaxDelayBetweenTonesMs + 1 }, Limits);

        Assert.Equal(["tones[1]", "tones[2]", "delayBetweenTonesMs"], errors.Select(e => e.Path));
        Assert.Equal(["tones", "delayBetweenTonesMs"], tooMany.Select(e => e.Path));
    }
}
