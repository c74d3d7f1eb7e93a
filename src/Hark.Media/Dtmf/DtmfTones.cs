namespace Hark.Media.Dtmf;

/// <summary>The DTMF frequency grid: index 0–3 = low (row) group, 4–7 = high (column) group.</summary>
internal static class DtmfTones
{
    public const int Count = 8;
    public const int GroupSize = 4;

    private static readonly DtmfKey[] Keys =
    [
        DtmfKey.Digit1, DtmfKey.Digit2, DtmfKey.Digit3, DtmfKey.A,
        DtmfKey.Digit4, DtmfKey.Digit5, DtmfKey.Digit6, DtmfKey.B,
        DtmfKey.Digit7, DtmfKey.Digit8, DtmfKey.Digit9, DtmfKey.C,
        DtmfKey.Star, DtmfKey.Digit0, DtmfKey.Pound, DtmfKey.D,
    ];

    /// <summary>Nominal frequencies in Hz, low group first.</summary>
    public static ReadOnlySpan<float> Frequencies => [697f, 770f, 852f, 941f, 1209f, 1336f, 1477f, 1633f];

    /// <summary>The low-group index (0–3) and high-group index (4–7) of a key; false for flash.</summary>
    public static bool TryGetIndices(DtmfKey key, out int low, out int high)
    {
        var at = Array.IndexOf(Keys, key);
        low = Math.Max(at, 0) / GroupSize;
        high = GroupSize + (Math.Max(at, 0) % GroupSize);
        return at >= 0;
    }

    /// <summary>The key for a low-group index (0–3) and a high-group index (4–7).</summary>
    public static DtmfKey KeyAt(int low, int high) => Keys[(low * GroupSize) + high - GroupSize];
}
