using System.Text.Json;
using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Persistence;
using Hark.Graph.Contracts;
using Hark.Graph.Prompts;
using Hark.Media.Dtmf;

namespace Hark.Graph.Calls;

public sealed partial class GraphCall
{
    /// <summary>recordResponse (or legacy record): queues it and starts fetching its prompt.</summary>
    public Task<(CallCommandError Error, CommsOperation? Operation)> RecordAsync(
        RecordRequest request, IReadOnlyList<MediaPrompt> prompts, string? clientContext) =>
        StartMediaOperationAsync(GraphOperationKind.Record, clientContext, prompts, (media, id) => media.EnqueueRecord(id, request));

    /// <summary>playPrompt: queues it and starts fetching its prompts.</summary>
    public Task<(CallCommandError Error, CommsOperation? Operation)> PlayPromptAsync(
        IReadOnlyList<MediaPrompt> prompts, string? clientContext) =>
        StartMediaOperationAsync(GraphOperationKind.PlayPrompt, clientContext, prompts, (media, id) => media.EnqueuePlayPrompt(id, prompts.Count));

    /// <summary>
    /// sendDtmfTones: queues the keys, as RFC 4733 events when the transport takes them, else in-band tones the
    /// caller hears; the operation is notified when the last tone has ended.
    /// </summary>
    public Task<(CallCommandError Error, CommsOperation? Operation)> SendDtmfTonesAsync(
        IReadOnlyList<DtmfKey> keys, TimeSpan gap, string? clientContext) =>
        StartMediaOperationAsync(
            GraphOperationKind.SendDtmfTones, clientContext, [], (media, id) => media.EnqueueDtmfTones(id, keys, gap, _transport.CanSendDtmfEvents));

    /// <summary>cancelMediaProcessing: everything running or queued ends cancelled; the operation itself completes at once.</summary>
    public Task<(CallCommandError Error, CommsOperation? Operation)> CancelMediaProcessingAsync(string? clientContext) =>
        CompleteAtOnceAsync(GraphOperationKind.CancelMediaProcessing, clientContext, media => media.CancelAll());

    /// <summary>subscribeToTone: from now on every key press is notified; the operation completes at once.</summary>
    public Task<(CallCommandError Error, CommsOperation? Operation)> SubscribeToToneAsync(string? clientContext) =>
        CompleteAtOnceAsync(GraphOperationKind.SubscribeToTone, clientContext, media => media.SubscribeToTones());

    private async Task<(CallCommandError, CommsOperation?)> StartMediaOperationAsync(
        GraphOperationKind kind, string? clientContext, IReadOnlyList<MediaPrompt> prompts, Action<CallMediaProcessor, string> enqueue)
    {
        var op = new OperationInfo(Guid.NewGuid().ToString(), kind, clientContext);
        lock (_operations)
        {
            // Counted and added together, so concurrent requests cannot all pass the check.
            if (_operations.Count >= _services.Limits.MaxQueuedOperationsPerCall)
            {
                GraphMetrics.LimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", "queued_operations"));
                return (CallCommandError.TooManyOperations, null);
            }

            _operations[op.Id] = op;
        }

        var error = await _actor.ExecuteMediaAsync(media => enqueue(media, op.Id)).ConfigureAwait(false);
        if (error != CallCommandError.None)
        {
            _operations.TryRemove(op.Id, out _);
            return (error, null);
        }

        for (var i = 0; i < prompts.Count; i++)
        {
            _ = LoadPromptAsync(op.Id, i, prompts[i]);
        }

        // The loop may already have finished the operation (a barge-in, a failed prompt) and saved it; the
        // running row must then not overwrite the finished one, so both writes take the same gate.
        var resource = GraphResources.Started(Info, op, completed: false);
        await _operationWrites.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_finishedOperations.Contains(op.Id))
            {
                await SaveOperationRowAsync(op, resource).ConfigureAwait(false);
            }
        }
        finally
        {
            _operationWrites.Release();
        }

        return (CallCommandError.None, resource);
    }

    private async Task<(CallCommandError, CommsOperation?)> CompleteAtOnceAsync(
        GraphOperationKind kind, string? clientContext, Action<CallMediaProcessor> command)
    {
        var op = new OperationInfo(Guid.NewGuid().ToString(), kind, clientContext);
        var error = await _actor.ExecuteMediaAsync(command).ConfigureAwait(false);
        if (error != CallCommandError.None)
        {
            return (error, null);
        }

        var resource = GraphResources.Started(Info, op, completed: true);
        await SaveOperationRowAsync(op, resource).ConfigureAwait(false);
        return (CallCommandError.None, resource);
    }

    private Task SaveOperationRowAsync(OperationInfo op, CommsOperation resource) =>
        _services.Store.SaveAsync(
            new CallStateChange { Operations = [ToStored(op, resource, _services.Time.GetUtcNow())] },
            CancellationToken.None);

    // The result of handing the audio over is not needed: if the call or the operation ended meanwhile, nothing waits for it.
    private async Task LoadPromptAsync(string operationId, int index, MediaPrompt prompt)
    {
        try
        {
            var media = prompt.MediaInfo!;
            var pcm = await _services.Prompts.LoadAsync(media.Uri!, media.ResourceId, GraphCallServices.SeamSampleRate, CancellationToken.None)
                .ConfigureAwait(false);
            await _actor.ExecuteMediaAsync(m => m.PromptLoaded(operationId, index, pcm, prompt.Loop ?? 1)).ConfigureAwait(false);
        }
        catch (PromptLoadException ex)
        {
            CallsLog.PromptFailed(_logger, Info.Id, operationId, ex.Message);
            await _actor.ExecuteMediaAsync(m => m.PromptFailed(operationId, index, ex.Message)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any other failure still fails the operation, with a message, rather than leaving it waiting.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CallsLog.PromptFailed(_logger, Info.Id, operationId, ex.Message);
            await _actor.ExecuteMediaAsync(m => m.PromptFailed(operationId, index, "the prompt could not be loaded.")).ConfigureAwait(false);
        }
    }
}
