namespace Hark.Media.Tones;

/// <summary>Digital silence.</summary>
public static class Silence
{
    /// <summary>Sets every sample to zero.</summary>
    public static void Fill(Span<short> destination) => destination.Clear();
}
