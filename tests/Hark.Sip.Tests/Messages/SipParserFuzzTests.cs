using Hark.Sip.Messages;
using Xunit.Abstractions;

namespace Hark.Sip.Tests.Messages;

public class SipParserFuzzTests(ITestOutputHelper output)
{
    private static readonly byte[] Interesting = "\r\n \t:;,<>\"\\@%=/[]?*0"u8.ToArray();

    [Fact]
    public void Parse_ThousandsOfMutatedMessages_ThrowsOnlyParseErrorsAndRoundTripsWhatItAccepts()
    {
        var seeds = TortureVectors.Sections.Keys.Select(TortureVectors.Read).ToArray();
        var random = new Random(4475);
        var accepted = 0;
        for (var i = 0; i < 6000; i++)
        {
            var data = Mutate(seeds[random.Next(seeds.Length)], random);
            var framing = random.Next(4) == 0 ? SipFraming.Stream : SipFraming.Datagram;

            SipMessage? message;
            try
            {
                message = SipMessage.Parse(data, framing);
            }
            catch (SipParseException)
            {
                continue;
            }

            accepted++;
            var again = SipMessage.Parse(SipMessageWriter.ToArray(message), SipFraming.Stream);
            Assert.Equal(message.Headers, again.Headers);
            _ = SipStreamFramer.TryFrame(data, out _);
        }

        output.WriteLine($"{accepted} of 6000 mutated messages accepted");

        // The mutations must leave enough messages intact that acceptance is exercised too.
        Assert.InRange(accepted, 300, 5700);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = seed.ToList();
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(8)));
                    break;
                case 3:
                    data.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    var from = random.Next(data.Count);
                    var length = Math.Min(data.Count - from, 1 + random.Next(40));
                    data.InsertRange(at, data.GetRange(from, length));
                    break;
            }
        }

        return [.. data];
    }
}
