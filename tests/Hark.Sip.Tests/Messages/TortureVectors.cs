using Hark.Testing;

namespace Hark.Sip.Tests.Messages;

/// <summary>Reads the RFC 4475 vectors in tests/data/rfc4475 and the RFC section each comes from.</summary>
internal static class TortureVectors
{
    public static IReadOnlyDictionary<string, string> Sections { get; } = File
        .ReadAllLines(RepositoryPaths.TestData("rfc4475", "sections.txt"))
        .Where(line => line.Length > 0)
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[0], parts => parts[1]);

    public static byte[] Read(string name) => File.ReadAllBytes(RepositoryPaths.TestData("rfc4475", name + ".sip"));

    /// <summary>Every vector that must parse: §3.1.1 and the syntactically valid §3.2–3.4 messages.</summary>
    public static IEnumerable<string> Parsable => Sections.Keys.Where(name => Expectation(name) == Expected.Parses);

    public static Expected Expectation(string name)
    {
        var section = Sections[name];
        if (section.StartsWith("3.1.1.", StringComparison.Ordinal))
        {
            return Expected.Parses;
        }

        if (section.StartsWith("3.1.2.", StringComparison.Ordinal))
        {
            // Date is the one §3.1.2 field Hark never uses: the RFC lets such an element ignore it, so it is flagged.
            return name == "baddate" ? Expected.ParsesWithDefect : Expected.Rejected;
        }

        // §3.3.1, §3.3.8 and §3.3.9: the RFC's expected answer is 400 (missing or repeated single-value headers).
        return name is "insuf" or "multi01" or "mcl01" ? Expected.Rejected : Expected.Parses;
    }

    internal enum Expected
    {
        Parses,
        ParsesWithDefect,
        Rejected,
    }
}
