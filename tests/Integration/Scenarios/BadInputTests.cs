using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hark.Integration.Harness;
using Microsoft.Graph.Communications.Calls.Item.PlayPrompt;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using static Hark.Integration.Harness.CallerScript;

namespace Hark.Integration.Scenarios;

public sealed class BadInputTests(HarkFixture f) : IClassFixture<HarkFixture>
{
    private const string Prompt = """{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"https://cdn.contoso.com/beep.wav","resourceId":"1D6DE2D4-CD51-4309-8DAA-70768651088E"}}""";

    // (action, body, text the 400's message must contain: the field, or the bad value)
    private static readonly (string Action, string Body, string Names)[] Table =
    [
        ("recordResponse", """{"initialSilenceTimeoutInSeconds":0}""", "initialSilenceTimeoutInSeconds"),
        ("recordResponse", """{"initialSilenceTimeoutInSeconds":121}""", "initialSilenceTimeoutInSeconds"),
        ("recordResponse", """{"initialSilenceTimeoutInSeconds":"5"}""", "initialSilenceTimeoutInSeconds"),
        ("recordResponse", """{"initialSilenceTimeoutInSeconds":2.5}""", "initialSilenceTimeoutInSeconds"),
        ("recordResponse", """{"maxSilenceTimeoutInSeconds":0}""", "maxSilenceTimeoutInSeconds"),
        ("recordResponse", """{"maxSilenceTimeoutInSeconds":121}""", "maxSilenceTimeoutInSeconds"),
        ("recordResponse", """{"maxSilenceTimeoutInSeconds":"x"}""", "maxSilenceTimeoutInSeconds"),
        ("recordResponse", """{"maxRecordDurationInSeconds":0}""", "maxRecordDurationInSeconds"),
        ("recordResponse", """{"maxRecordDurationInSeconds":121}""", "maxRecordDurationInSeconds"),
        ("recordResponse", """{"maxRecordDurationInSeconds":true}""", "maxRecordDurationInSeconds"),
        ("recordResponse", """{"maxRecordDurationInSeconds":-5}""", "maxRecordDurationInSeconds"),
        ("recordResponse", """{"bargeInAllowed":"yes"}""", "bargeInAllowed"),
        ("recordResponse", """{"bargeInAllowed":1}""", "bargeInAllowed"),
        ("recordResponse", """{"playBeep":"true"}""", "playBeep"),
        ("recordResponse", """{"stopTones":"#"}""", "stopTones"),
        ("recordResponse", """{"stopTones":["#","Z9"]}""", "Z9"),
        ("recordResponse", """{"stopTones":["##"]}""", "##"),
        ("recordResponse", """{"stopTones":[5]}""", "stopTones"),
        ("recordResponse", $$"""{"clientContext":"{{new string('c', 257)}}"}""", "clientContext"),
        ("recordResponse", """{"clientContext":42}""", "clientContext"),
        ("recordResponse", $$"""{"prompts":[{{Prompt}},{{Prompt}}]}""", "prompts"),
        ("recordResponse", """{"prompts":{}}""", "prompts"),
        ("recordResponse", """{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt"}]}""", "mediaInfo"),
        ("recordResponse", """{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"resourceId":"r"}}]}""", "uri"),
        ("recordResponse", """{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"not a uri"}}]}""", "uri"),
        ("recordResponse", """{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"ftp://host/a.wav"}}]}""", "uri"),
        ("recordResponse", "not json", ""),
        ("recordResponse", "[]", ""),

        // The seed example's own body, with the SDK docs' placeholder in stopTones.
        ("recordResponse",
            $$"""{"bargeInAllowed":true,"clientContext":"d45324c1-fcb5-430a-902c-f20af696537c","prompts":[{{Prompt}}],"maxRecordDurationInSeconds":10,"initialSilenceTimeoutInSeconds":5,"maxSilenceTimeoutInSeconds":2,"playBeep":true,"stopTones":["Stop Tones value"]}""",
            "Stop Tones value"),
        ("playPrompt", $$"""{"prompts":[{{string.Join(",", Enumerable.Repeat(Prompt, 21))}}]}""", "prompts"),
        ("playPrompt", """{"prompts":[]}""", "prompts"),
        ("playPrompt", """{"clientContext":"x"}""", "prompts"),
        ("playPrompt", $$"""{"prompts":[{{Prompt}}],"clientContext":"{{new string('c', 257)}}"}""", "clientContext"),
        ("subscribeToTone", $$"""{"clientContext":"{{new string('c', 257)}}"}""", "clientContext"),
        ("cancelMediaProcessing", $$"""{"clientContext":"{{new string('c', 257)}}"}""", "clientContext"),
    ];

    [Fact]
    public async Task Actions_EveryBadField_400GraphErrorNamingIt()
    {
        var call = await f.ConnectAsync(Silence(60));
        var problems = new List<string>();

        foreach (var (action, body, names) in Table)
        {
            using var request = f.Request(HttpMethod.Post, $"/v1.0/communications/calls/{call.CallId}/{action}", body);
            using var response = await f.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var problem = response.StatusCode != HttpStatusCode.BadRequest
                ? $"answered {(int)response.StatusCode}"
                : GraphErrorProblem(text, names);
            if (problem is not null)
            {
                problems.Add($"{action} {Shorten(body)}: {problem}; body {Shorten(text)}");
            }
        }

        await f.EndAsync(call);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Sdk_OutOfRangeField_ThrowsODataError400NamingIt()
    {
        var call = await f.ConnectAsync(Silence(30));
        var body = RecordScenario.Request(f.Listener.PromptUri("q.wav"));
        body.MaxRecordDurationInSeconds = 0;

        var error = await Assert.ThrowsAsync<ODataError>(() => f.Graph.Communications.Calls[call.CallId].RecordResponse.PostAsync(body));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.False(string.IsNullOrEmpty(error.Error?.Code));
        Assert.Contains("maxRecordDurationInSeconds", error.Error?.Message, StringComparison.OrdinalIgnoreCase);

        var prompts = Enumerable.Range(0, 21)
            .Select(i => (Prompt)new MediaPrompt { MediaInfo = new MediaInfo { Uri = f.Listener.PromptUri($"p{i}.wav").ToString() } })
            .ToList();
        var tooMany = await Assert.ThrowsAsync<ODataError>(
            () => f.Graph.Communications.Calls[call.CallId].PlayPrompt.PostAsync(new PlayPromptPostRequestBody { Prompts = prompts }));
        Assert.Equal(400, tooMany.ResponseStatusCode);
        await f.EndAsync(call);
    }

    [Fact]
    public async Task RecordResponse_UnknownCall_404With8522()
    {
        using var request = f.Request(HttpMethod.Post, $"/v1.0/communications/calls/{Guid.NewGuid()}/recordResponse", "{}");
        using var response = await f.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("8522", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    public async Task RecordResponse_NoValidToken_401(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(f.BaseUri, $"/v1.0/communications/calls/{Guid.NewGuid()}/recordResponse"))
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await f.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RecordResponse_TokenWithoutAccessMediaRole_403GraphError()
    {
        var call = await f.ConnectAsync(Silence(30));
        var limited = await GraphClients.GetTokenAsync(f.Http, f.BaseUri, f.LimitedClientId, f.LimitedClientSecret);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(f.BaseUri, $"/v1.0/communications/calls/{call.CallId}/recordResponse"))
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", limited);

        using var response = await f.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode} {text}");
        Assert.Null(GraphErrorProblem(text, ""));
        await f.EndAsync(call);
    }

    // Null when the text is a Graph error whose message contains `names`.
    private static string? GraphErrorProblem(string text, string names)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var error = document.RootElement.GetProperty("error");
            if (string.IsNullOrEmpty(error.GetProperty("code").GetString()))
            {
                return "empty error.code";
            }

            var message = error.GetProperty("message").GetString() ?? string.Empty;
            if (!message.Contains(names, StringComparison.OrdinalIgnoreCase))
            {
                return $"message does not name '{names}'";
            }

            var inner = error.GetProperty("innerError");
            return inner.TryGetProperty("request-id", out _) && inner.TryGetProperty("date", out _)
                ? null
                : "innerError lacks request-id or date";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "not a Graph error body (" + ex.Message + ")";
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
