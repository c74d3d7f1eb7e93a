namespace Hark.Rtp.Jitter;

/// <summary>
/// One bit per sample slot of the jitter buffer's ring: whether that sample arrived. A bit, not a bool, per slot keeps
/// a call's ring 8 KB smaller. Ranges never wrap: the buffer splits them at the ring's end.
/// </summary>
internal sealed class PresenceBits
{
    private readonly ulong[] _words;

    public PresenceBits(int length) => _words = new ulong[(length + 63) / 64];

    public bool this[int index] => (_words[index >> 6] & (1UL << index)) != 0;

    public void SetRange(int start, int count)
    {
        for (var end = start + count; start < end;)
        {
            var bits = Take(start, end, out var word, out var mask);
            _words[word] |= mask;
            start += bits;
        }
    }

    public void ClearRange(int start, int count)
    {
        for (var end = start + count; start < end;)
        {
            var bits = Take(start, end, out var word, out var mask);
            _words[word] &= ~mask;
            start += bits;
        }
    }

    public void ClearAll() => Array.Clear(_words);

    public bool AllSet(int start, int count)
    {
        for (var end = start + count; start < end;)
        {
            var bits = Take(start, end, out var word, out var mask);
            if ((_words[word] & mask) != mask)
            {
                return false;
            }

            start += bits;
        }

        return true;
    }

    public bool AnySet(int start, int count)
    {
        for (var end = start + count; start < end;)
        {
            var bits = Take(start, end, out var word, out var mask);
            if ((_words[word] & mask) != 0)
            {
                return true;
            }

            start += bits;
        }

        return false;
    }

    // The part of [start, end) inside start's word: its index, its mask, and how many bits it covers.
    private static int Take(int start, int end, out int word, out ulong mask)
    {
        word = start >> 6;
        var bit = start & 63;
        var bits = Math.Min(64 - bit, end - start);
        mask = bits == 64 ? ulong.MaxValue : ((1UL << bits) - 1) << bit;
        return bits;
    }
}
