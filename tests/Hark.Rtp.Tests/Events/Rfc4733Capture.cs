using System.Globalization;

namespace Hark.Rtp.Tests.Events;

/// <summary>One capture from tests/data/rfc4733/sipp-dtmf.txt (see extract_rfc4733.py there).</summary>
internal sealed record Rfc4733Capture(string Name, string ExpectedKeys, List<Rfc4733Packet> Packets)
{
    public static IReadOnlyList<Rfc4733Capture> LoadSippCaptures()
    {
        var captures = new List<Rfc4733Capture>();
        foreach (var line in File.ReadLines(Hark.Testing.RepositoryPaths.TestData("rfc4733", "sipp-dtmf.txt")))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }

            if (fields[0] == "capture")
            {
                captures.Add(new Rfc4733Capture(fields[1], fields[2], []));
            }
            else if (fields[0] == "packet")
            {
                captures[^1].Packets.Add(new Rfc4733Packet(
                    ushort.Parse(fields[1], CultureInfo.InvariantCulture),
                    uint.Parse(fields[2], CultureInfo.InvariantCulture),
                    fields[3] == "1",
                    Convert.FromHexString(fields[4])));
            }
            else
            {
                throw new InvalidDataException($"Unknown vector line: {line}");
            }
        }

        return captures;
    }
}
