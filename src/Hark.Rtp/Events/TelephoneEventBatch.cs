namespace Hark.Rtp.Events;

/// <summary>
/// The 0–3 key transitions caused by one received packet, in the order they happened: a KeyUp
/// for the key that was down, a KeyDown for a new event, and a KeyUp when that new event's
/// first packet seen is already its end packet. A value type, so receiving allocates nothing;
/// enumerate it with <c>foreach</c> or index it up to <see cref="Count"/>.
/// </summary>
public readonly record struct TelephoneEventBatch
{
    /// <summary>The most transitions one packet can cause.</summary>
    public const int Capacity = 3;

    private readonly TelephoneEventResult _first;
    private readonly TelephoneEventResult _second;
    private readonly TelephoneEventResult _third;

    private TelephoneEventBatch(int count, TelephoneEventResult first, TelephoneEventResult second, TelephoneEventResult third)
    {
        Count = count;
        _first = first;
        _second = second;
        _third = third;
    }

    /// <summary>Number of transitions held (0–3).</summary>
    public int Count { get; }

    /// <summary>True when the packet changed no key state.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The transition at <paramref name="index"/>, oldest first.</summary>
    public TelephoneEventResult this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return index switch
            {
                0 => _first,
                1 => _second,
                _ => _third,
            };
        }
    }

    /// <summary>A struct enumerator, so <c>foreach</c> does not box.</summary>
    public Enumerator GetEnumerator() => new(this);

    internal TelephoneEventBatch Add(TelephoneEventResult result) => Count switch
    {
        0 => new TelephoneEventBatch(1, result, default, default),
        1 => new TelephoneEventBatch(2, _first, result, default),
        2 => new TelephoneEventBatch(3, _first, _second, result),
        _ => throw new InvalidOperationException("A telephone-event batch holds at most three results."),
    };

    /// <summary>Enumerates the transitions of a <see cref="TelephoneEventBatch"/>.</summary>
    public struct Enumerator
    {
        private readonly TelephoneEventBatch _batch;
        private int _index;

        internal Enumerator(TelephoneEventBatch batch)
        {
            _batch = batch;
            _index = -1;
        }

        /// <summary>The current transition.</summary>
        public readonly TelephoneEventResult Current => _batch[_index];

        /// <summary>Advances to the next transition.</summary>
        public bool MoveNext() => ++_index < _batch.Count;
    }
}
