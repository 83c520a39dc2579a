namespace PipelineDsl.Runtime.Temporal;

/// <summary>A growable ring buffer of longs with O(1) push/pop at both ends: the monotonic deque of min/max windows.</summary>
internal sealed class LongDeque
{
    private long[] _items = new long[8];
    private int _head;

    public int Count { get; private set; }

    public long PeekFront() => _items[_head];

    public long PeekBack() => _items[(_head + Count - 1) & (_items.Length - 1)];

    public void PushBack(long value)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) & (_items.Length - 1)] = value;
        Count++;
    }

    public void PopFront()
    {
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
    }

    public void PopBack() => Count--;

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    private void Grow()
    {
        var bigger = new long[_items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }
}
