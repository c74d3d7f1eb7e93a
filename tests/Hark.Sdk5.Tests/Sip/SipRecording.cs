using System.Net;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.RecordResponse;
using Microsoft.Graph.Models;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// What most SIP tests do with a caller that talks then presses '#': record until the stop tone, download the WAV, hang up,
/// and collect the caller's account. One place, so every peer (SIPp, baresip, linphone, through a proxy) is recorded alike.
/// </summary>
internal static class SipRecording
{
    /// <summary>recordResponse until '#': no beep, up to 20 s, 10 s of silence allowed.</summary>
    public static RecordResponsePostRequestBody UntilPound(string? clientContext = null) => new()
    {
        PlayBeep = false,
        StopTones = ["#"],
        MaxRecordDurationInSeconds = 20,
        MaxSilenceTimeoutInSeconds = 10,
        ClientContext = clientContext,
    };

    /// <summary>Starts <see cref="UntilPound"/> on the call; the running operation.</summary>
    public static async Task<RecordOperation> StartAsync(HarkFixture f, string callId, string? clientContext = null, CancellationToken cancellationToken = default) =>
        (await f.Graph.Communications.Calls[callId].RecordResponse.PostAsync(UntilPound(clientContext), cancellationToken: cancellationToken))!;

    /// <summary>
    /// Waits for <paramref name="started"/>'s completion (through <paramref name="guard"/>, e.g. one that gives up when the peer
    /// does), downloads its recording and hangs the call up.
    /// </summary>
    public static async Task<Recorded> FinishAsync(
        HarkFixture f,
        ConnectedCall call,
        RecordOperation started,
        Func<Task<ReceivedNotification>, Task<ReceivedNotification>>? guard = null,
        CancellationToken cancellationToken = default)
    {
        var waiting = call.Inbox.WaitForOperationAsync(started.Id!, Timeouts.Operation);
        var completion = guard is null ? await waiting : await guard(waiting);
        var op = Assert.IsType<RecordOperation>(completion.ToOperation());
        using var download = await f.DownloadAsync(op.RecordingLocation!, op.RecordingAccessToken);
        var wav = await download.Content.ReadAsByteArrayAsync(cancellationToken);
        await f.Graph.Communications.Calls[call.CallId].DeleteAsync(cancellationToken: cancellationToken);
        return new Recorded(completion, op, wav, download.StatusCode);
    }

    /// <summary><see cref="StartAsync"/>, <see cref="FinishAsync"/>, then SIPp's run.</summary>
    public static async Task<(Recorded Recording, SippResult Sipp)> RecordAsync(
        HarkFixture f, ConnectedCall call, Task<SippResult> sipp, string? clientContext = null,
        Func<Task<ReceivedNotification>, Task<ReceivedNotification>>? guard = null)
    {
        var started = await StartAsync(f, call.CallId, clientContext);
        var recorded = await FinishAsync(f, call, started, guard);
        return (recorded, await sipp);
    }

    /// <summary>A finished record: its completion notification, the operation it carries, the WAV and the download's status.</summary>
    internal sealed record Recorded(ReceivedNotification Completion, RecordOperation Operation, byte[] Wav, HttpStatusCode DownloadStatus);
}
