namespace Hark.Media.Dtmf;

/// <summary>
/// Small FIFO of detector events. A 20 ms frame yields at most two events, so the initial
/// capacity never grows in normal use; it doubles only if a caller feeds very long spans.
/// </summary>
internal sealed class DtmfEventQueue
{
    private DtmfEvent[] _items = new DtmfEvent[4];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(in DtmfEvent item)
    {
        if (_count == _items.Length)
        {
            var bigger = new DtmfEvent[_items.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                bigger[i] = _items[(_head + i) % _items.Length];
            }

            _items = bigger;
            _head = 0;
        }

        _items[(_head + _count) % _items.Length] = item;
        _count++;
    }

    public bool TryDequeue(out DtmfEvent item)
    {
        if (_count == 0)
        {
            item = default;
            return false;
        }

        item = _items[_head];
        _head = (_head + 1) % _items.Length;
        _count--;
        return true;
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }
}
