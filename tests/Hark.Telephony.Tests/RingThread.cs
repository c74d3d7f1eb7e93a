using System.Collections.Concurrent;
using Hark.Rtp.Sessions;

namespace Hark.Telephony.Tests;

/// <summary>
/// A thread owning an io_uring, as a media shard does (the ring takes submissions from its creating thread only), that
/// runs what a test hands it and otherwise polls every millisecond, so a session leaving the ring is let go. The ring
/// is null where the kernel refuses io_uring: the sessions then read their own sockets.
/// </summary>
internal sealed class RingThread : IDisposable
{
    private readonly BlockingCollection<(Action<UringReceiver?> Action, TaskCompletionSource Done)> _work = [];
    private readonly Thread _thread;

    public RingThread()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "test-ring" };
        _thread.Start();
    }

    public Task InvokeAsync(Action<UringReceiver?> action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add((action, done));
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    private void Run()
    {
        using var ring = UringReceiver.TryCreate(out _);
        while (!_work.IsCompleted)
        {
            if (_work.TryTake(out var item, 1))
            {
                try
                {
                    item.Action(ring);
                    item.Done.SetResult();
                }
#pragma warning disable CA1031 // handed back to the test that asked
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    item.Done.SetException(ex);
                }
            }
            else
            {
                ring?.Poll();
            }
        }
    }
}
