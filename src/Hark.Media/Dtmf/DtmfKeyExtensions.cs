namespace Hark.Media.Dtmf;

/// <summary>Conversions between <see cref="DtmfKey"/> and the characters written on a keypad.</summary>
public static class DtmfKeyExtensions
{
    private const string Characters = "0123456789*#ABCD!";

    /// <summary>The keypad character: '0'–'9', '*', '#', 'A'–'D', or '!' for flash.</summary>
    public static char ToChar(this DtmfKey key) => Characters[(int)key];

    /// <summary>Parses a keypad character (case-insensitive for A–D); false for anything else.</summary>
    public static bool TryParse(char c, out DtmfKey key)
    {
        var index = Characters.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
        key = (DtmfKey)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The key's nominal low- and high-group frequencies in Hz; false for flash, which has no tones.</summary>
    public static bool TryGetFrequencies(this DtmfKey key, out double lowHz, out double highHz)
    {
        var found = DtmfTones.TryGetIndices(key, out var low, out var high);
        lowHz = found ? DtmfTones.Frequencies[low] : 0;
        highHz = found ? DtmfTones.Frequencies[high] : 0;
        return found;
    }
}
