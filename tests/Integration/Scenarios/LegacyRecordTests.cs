using System.Net;
using System.Text;
using Hark.Integration.Audio;
using Hark.Integration.Harness;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

/// <summary>
/// Graph's legacy <c>record</c> action, sent through the SDK's request adapter (no SDK has a builder for it)
/// with its page's example body: 200 + Location + a running recordOperation, exactly as recordResponse.
/// </summary>
public sealed class LegacyRecordTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    [Theory]
    [InlineData("localtest", "/communications/calls")]
    [InlineData("beta", "/communications/calls")]
    [InlineData("v1.0", "/communications/calls")]
    [InlineData("beta", "/app/calls")]
    public async Task Record_PageExampleBody_200WithLocationAndRunningOperationThenStopToneCompletesIt(string version, string prefix)
    {
        var voice = RecordScenario.Voice(1.0);
        var call = await f.ConnectAsync(WaitForBeep(), RecordScenario.Say(voice), Silence(0.3), Dtmf('#'), Silence(3));
        var promptUri = f.Listener.AddPrompt("beep.wav", WavFile.Encode(RecordScenario.Prompt, 16000));
        var clientContext = Guid.NewGuid().ToString();
        var json = $$"""
            {
              "bargeInAllowed": true,
              "clientContext": "{{clientContext}}",
              "prompts": [
                {
                  "@odata.type": "#microsoft.graph.mediaPrompt",
                  "mediaInfo": { "uri": "{{promptUri}}", "resourceId": "1D6DE2D4-CD51-4309-8DAA-70768651088E" }
                }
              ],
              "maxRecordDurationInSeconds": 10,
              "initialSilenceTimeoutInSeconds": 5,
              "maxSilenceTimeoutInSeconds": 2,
              "playBeep": true,
              "stopTones": [ "#", "1", "*" ]
            }
            """;
        var recorder = new ResponseRecorder();
        using var client = f.GraphAt(version, recorder);
        var request = new RequestInformation(Method.POST, "{+baseurl}" + prefix + "/{callId}/record", new Dictionary<string, object> { ["callId"] = call.CallId });
        request.Headers.Add("Accept", "application/json");
        request.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)), "application/json");
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        request.AddRequestOptions([headers]);

        var started = await client.RequestAdapter.SendAsync(
            request, RecordOperation.CreateFromDiscriminatorValue, new Dictionary<string, ParsableFactory<IParsable>> { ["XXX"] = ODataError.CreateFromDiscriminatorValue });

        Assert.Equal(HttpStatusCode.OK, recorder.LastStatus);
        Assert.NotNull(started);
        Assert.False(string.IsNullOrEmpty(started.Id));
        Assert.Equal(OperationStatus.Running, started.Status);
        Assert.Equal(clientContext, started.ClientContext);
        Assert.Equal("#microsoft.graph.recordOperation", started.OdataType);
        Assert.Null(started.ResultInfo);
        Assert.Null(started.RecordingLocation);
        var location = Assert.Single(headers.ResponseHeaders["Location"]);
        Assert.Equal($"{f.BaseUri.ToString().TrimEnd('/')}/{version}/communications/calls/{call.CallId}/operations/{started.Id}", location);

        var completion = await call.Inbox.WaitForOperationAsync(started.Id, Timeouts.Operation);
        RecordingAssert.Outcome(completion, OperationStatus.Completed, 200, 8514, "stopToneDetected", clientContext);
        await RecordingAssert.DownloadedAsync(f, new RecordResult(call, started, completion), voice, 1.0 + 0.3);
        await f.EndAsync(call);
        Assert.Empty(f.Listener.Failures);
    }
}
