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

    /// <summary>Every virtual call still remembered (operators see them all).</summary>
    public IEnumerable<VirtualCall> All => _calls.Values;

    /// <summary>The call if <paramref name="applicationId"/> placed it; another application's calls do not exist for it.</summary>
    public VirtualCall? Find(string id, string applicationId) =>
        Find(id) is { } call && string.Equals(call.ApplicationId, applicationId, StringComparison.OrdinalIgnoreCase) ? call : null;

    /// <summary>Calls of <paramref name="applicationId"/> not yet ended.</summary>
    public int LiveCount(string applicationId) =>
        _calls.Values.Count(c => c.State != "ended" && string.Equals(c.ApplicationId, applicationId, StringComparison.OrdinalIgnoreCase));

    public void Remove(string id) => _calls.TryRemove(id, out _);
}
