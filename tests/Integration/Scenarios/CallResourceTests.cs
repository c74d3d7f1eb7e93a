using System.Net;
using System.Text.Json;
using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class CallResourceTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Fact]
    public async Task GetCallAndOperation_DuringAndAfterRecord_ShowTheStateTheNotificationsGave()
    {
        var voice = RecordScenario.Voice(1.0);
        var call = await f.ConnectAsync(WaitForBeep(), RecordScenario.Say(voice), Silence(3));

        var live = await f.Graph.Communications.Calls[call.CallId].GetAsync();
        Assert.NotNull(live);
        Assert.Equal(call.CallId, live.Id);
        Assert.Equal(CallState.Established, live.State);
        Assert.Equal(CallDirection.Incoming, live.Direction);
        await f.Graph.Communications.Calls[call.CallId].KeepAlive.PostAsync();

        var promptUri = f.Listener.AddPrompt("question.wav", Audio.WavFile.Encode(RecordScenario.Prompt, 16000));
        var body = RecordScenario.Request(promptUri);
        body.MaxSilenceTimeoutInSeconds = 1;
        var started = await f.Graph.Communications.Calls[call.CallId].RecordResponse.PostAsync(body);
        Assert.NotNull(started?.Id);
        var running = await f.Graph.Communications.Calls[call.CallId].Operations[started.Id].GetAsync();
        var runningRecord = Assert.IsType<RecordOperation>(running);
        Assert.Equal(OperationStatus.Running, runningRecord.Status);
        Assert.Equal(body.ClientContext, runningRecord.ClientContext);

        var done = await call.Inbox.WaitForOperationAsync(started.Id, Timeouts.Operation);
        var notified = Assert.IsType<RecordOperation>(done.ToOperation());
        var fetched = Assert.IsType<RecordOperation>(await f.Graph.Communications.Calls[call.CallId].Operations[started.Id].GetAsync());
        Assert.Equal(notified.Status, fetched.Status);
        Assert.Equal(notified.ResultInfo?.Subcode, fetched.ResultInfo?.Subcode);
        Assert.Equal(notified.RecordingLocation, fetched.RecordingLocation);
        Assert.Equal(notified.RecordingAccessToken, fetched.RecordingAccessToken);

        await f.EndAsync(call);
        var gone = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].GetAsync());
        Assert.Equal((404, "8522"), (gone.ResponseStatusCode, gone.Error?.Code));
        var kept = Assert.IsType<RecordOperation>(await f.Graph.Communications.Calls[call.CallId].Operations[started.Id].GetAsync());
        Assert.Equal(notified.RecordingLocation, kept.RecordingLocation);
        Assert.Empty(f.Listener.Failures);
    }

    [Fact]
    public async Task GetCall_AfterTerminatedNotification_ODataError404With8522()
    {
        var call = await f.ConnectAsync(Silence(2), HangUp());
        var live = await f.Graph.Communications.Calls[call.CallId].GetAsync();
        Assert.Equal(CallState.Established, live?.State);

        var terminated = await call.Inbox.WaitForStateAsync("terminated", Timeouts.Notification);
        var error = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].GetAsync());

        Assert.Equal(4521, terminated.ToCall().ResultInfo?.Subcode);
        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("8522", error.Error?.Code);
        Assert.Equal("Call not found.", error.Error?.Message);
    }

    [Fact]
    public async Task ListCalls_GraphHasNoList_ODataError405SayingSo()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls.GetAsync());

        Assert.Equal(405, error.ResponseStatusCode);
        Assert.Equal("MethodNotAllowed", error.Error?.Code);
        Assert.Contains("Graph has no list of calls", error.Error?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Resource not found", error.Error?.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.Error?.InnerError?.RequestId));
    }

    [Fact]
    public async Task GetCall_UnknownId_ODataError404With8522()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[Guid.NewGuid().ToString()].GetAsync());

        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("8522", error.Error?.Code);
    }

    [Theory]
    [InlineData("/v1.0/communications/calls/{0}/recordResponse")]
    [InlineData("/v1.0/communications/calls/{0}/microsoft.graph.recordResponse")]
    [InlineData("/beta/communications/calls/{0}/recordResponse")]
    [InlineData("/localtest/communications/calls/{0}/microsoft.graph.recordResponse")]
    public async Task RecordResponse_EveryPathForm_200WithLocationAndRunningOperation(string pathFormat)
    {
        var call = await f.ConnectAsync(Silence(10));
        var json = $$"""{"maxSilenceTimeoutInSeconds":1,"initialSilenceTimeoutInSeconds":1,"playBeep":false,"clientContext":"raw"}""";

        using var request = f.Request(HttpMethod.Post, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, call.CallId), json);
        using var response = await f.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        using var body = JsonDocument.Parse(text);
        var id = body.RootElement.GetProperty("id").GetString();
        Assert.Equal("running", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("#microsoft.graph.recordOperation", body.RootElement.GetProperty("@odata.type").GetString());
        Assert.EndsWith($"/communications/calls/{call.CallId}/operations/{id}", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        await call.Inbox.WaitForOperationAsync(id!, Timeouts.Operation);
        await f.EndAsync(call);
    }
}
