using System.Collections.Concurrent;

namespace Hark.Host.Simulator;

/// <summary>Virtual calls by id. Ended calls stay visible for <see cref="Retention"/>, then are forgotten.</summary>
internal sealed class VirtualCallRegistry
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, VirtualCall> _calls = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;

    public VirtualCallRegistry(TimeProvider time) => _time = time;

    public void Add(VirtualCall call)
    {
        var cutoff = _time.GetUtcNow() - Retention;
        foreach (var (id, old) in _calls)
        {
            if (old.State == "ended" && old.CreatedAt < cutoff)
            {
                _calls.TryRemove(id, out _);
            }
        }

        _calls[call.Id] = call;
    }

    public VirtualCall? Find(string id) => _calls.GetValueOrDefault(id);

    public void Remove(string id) => _calls.TryRemove(id, out _);
}
