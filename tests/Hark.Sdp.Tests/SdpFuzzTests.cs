using System.Text;

namespace Hark.Sdp.Tests;

/// <summary>
/// Seeded mutations of the real-world offers: parsing may refuse with an <see cref="SdpParseError"/>, and nothing
/// downstream (writer, answer, apply) may throw on what it accepted.
/// </summary>
public class SdpFuzzTests
{
    private const int MutationsPerOffer = 1000;

    private static readonly string[] Tokens =
    [
        "\n", "\r\n", "\r", " ", "  ", "\t", "/", ":", "=", "0", "-1", "65536", "99999999999999999999", "/0", "/127/3",
        "m=audio ", "m=", "c=IN IP6 ", "c=", "a=rtpmap:", "a=fmtp:", "a=ptime:", "a=maxptime:0", "a=rtcp:", "a=sendonly",
        "a=inactive", "a=rtcp-mux", "t=", "o=", "v=", "s=", "r=", "RTP/AVP", "PCMU/8000", "PCMA/8000/2",
        "telephone-event/8000", "0.0.0.0", "::", "\u00e9", "\0", "\uFFFD",
    ];

    [Theory]
    [MemberData(nameof(SampleOffers.Names), MemberType = typeof(SampleOffers))]
    public void TryParse_MutatedOffer_OnlyParseErrorsNeverExceptions(string name)
    {
        var random = new Random(name.Length * 7919 + name[0]);
        var original = SampleOffers.Crlf(SampleOffers.ByName(name));
        var harkOffer = OfferAnswer.CreateOffer(OfferAnswerAnswerTests.Hark);
        var (parsed, refused) = (0, 0);
        for (var i = 0; i < MutationsPerOffer; i++)
        {
            var mutated = Mutate(original, random, 1 + random.Next(4));
            if (!SessionDescription.TryParse(mutated, out var sdp, out var error))
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                if (refused++ < 20)
                {
                    // Throwing is slow; a sample is enough to show Parse raises nothing but its own exception.
                    Assert.Throws<SdpParseException>(() => SessionDescription.Parse(mutated));
                }

                continue;
            }

            parsed++;
            var written = sdp.ToString();
            Assert.True(SessionDescription.TryParse(written, out var reparsed, out var reparseError), $"{reparseError} in:\n{written}");
            Assert.Equal(written, reparsed.ToString());
            var answer = OfferAnswer.Answer(sdp, OfferAnswerAnswerTests.Hark);
            Assert.True(answer.IsAccepted || answer.FailureReason.Length > 0);
            _ = OfferAnswer.ApplyAnswer(harkOffer, sdp);
            _ = OfferAnswer.ApplyAnswer(sdp, sdp);
        }

        // The mutations must exercise both paths, or the test proves little.
        Assert.InRange(parsed, MutationsPerOffer / 10, MutationsPerOffer);
        Assert.InRange(refused, 1, MutationsPerOffer);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(4566);
        var buffer = new byte[512];
        for (var i = 0; i < 2000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (i % 2 == 0)
            {
                // Half the inputs start like SDP so the parser gets past the first lines.
                Encoding.ASCII.GetBytes("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nm=audio ").CopyTo(buffer, 0);
            }

            if (SessionDescription.TryParse(buffer.AsSpan(0, length), out var sdp, out _))
            {
                _ = OfferAnswer.Answer(sdp, OfferAnswerAnswerTests.Hark);
            }
        }
    }

    private static string Mutate(string text, Random random, int steps)
    {
        var builder = new StringBuilder(text);
        for (var step = 0; step < steps && builder.Length > 0; step++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(6))
            {
                case 0:
                    builder[at] = (char)random.Next(0x20, 0x7F);
                    break;
                case 1:
                    builder.Remove(at, Math.Min(builder.Length - at, 1 + random.Next(12)));
                    break;
                case 2:
                    builder.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3:
                    builder.Length = at;
                    break;
                case 4:
                    var lines = builder.ToString().Split("\r\n");
                    var (a, b) = (random.Next(lines.Length), random.Next(lines.Length));
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    builder.Clear().Append(string.Join("\r\n", lines));
                    break;
                default:
                    var digit = builder.ToString().IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit >= 0)
                    {
                        builder.Insert(digit, random.Next(10));
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
