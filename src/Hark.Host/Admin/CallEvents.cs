using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Hark.Graph.Calls;
using Hark.Host.Operations;
using Hark.Storage;

namespace Hark.Host.Admin;

/// <summary>
/// <c>GET /hark/v1/admin/events</c>: server-sent events for the operator's live views. <c>ready</c> once subscribed
/// (read the list after it and miss nothing), then <c>call</c> with a call's row (as the calls list has it) each time
/// it changes, and <c>ping</c> every <see cref="Heartbeat"/> so proxies keep the stream open.
/// </summary>
internal static class CallEvents
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IResult Stream(HttpContext context, CallChangeFeed feed, SqliteCallStore store, CallHub hub) =>
        TypedResults.ServerSentEvents(ReadAsync(feed, store, hub, context.RequestAborted));

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(
        CallChangeFeed feed, SqliteCallStore store, CallHub hub, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = feed.Subscribe(cancellationToken);
        yield return new SseItem<string>("{}", "ready");
        var changed = new HashSet<string>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            var waiting = changes.WaitToReadAsync(cancellationToken).AsTask();
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var ticked = Task.Delay(Heartbeat, quiet.Token);
                if (await Task.WhenAny(waiting, ticked) != waiting)
                {
                    yield return new SseItem<string>("{}", "ping");
                    continue;
                }

                await quiet.CancelAsync();
            }

            await ((Task)waiting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!waiting.IsCompletedSuccessfully || !waiting.Result)
            {
                yield break;
            }

            // A burst of changes to one call (state, operation, notifications) is one event.
            changed.Clear();
            while (changes.TryRead(out var id))
            {
                changed.Add(id);
            }

            foreach (var id in changed)
            {
                if (await store.GetCallAsync(id, cancellationToken) is { } call)
                {
                    yield return new SseItem<string>(AdminEndpoints.CallJson(call, CallSummary.Read(call.ResourceJson), hub).ToJsonString(), "call");
                }
            }
        }
    }
}
