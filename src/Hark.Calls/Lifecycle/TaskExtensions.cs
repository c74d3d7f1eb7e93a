namespace Hark.Calls.Lifecycle;

public static class TaskExtensions
{
    /// <summary>
    /// Lets a command posted to a call run on without waiting for it: its failure is the call's own business
    /// (the call's loop logs what it must), so it is observed here and not rethrown.
    /// </summary>
    public static void Forget(this Task task) => _ = task.ContinueWith(
        static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
