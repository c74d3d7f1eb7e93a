using Hark.Graph.Contracts;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

public sealed class RecordResponseRequestValidatorTests
{
    private const string Prompt = """{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"https://bot.example/q.wav","resourceId":"q"}}""";

    private static IReadOnlyList<FieldError> Errors(string json, GraphLimitsOptions? limits = null) =>
        BodyCheck.Errors(json, GraphJsonContext.Default.RecordResponseRequest, RecordResponseRequestValidator.Validate, limits);

    [Fact]
    public void Validate_SeedExampleBody_NamesTheBadStopTone()
    {
        // The generated example body of Graph's recordResponse page, placeholder stop tone included.
        const string seed = """
        {
          "prompts": [{"@odata.type": "#microsoft.graph.mediaPrompt",
                       "mediaInfo": {"@odata.type": "#microsoft.graph.mediaInfo", "uri": "https://cdn.contoso.com/beep.wav", "resourceId": "1D6DE2D4-CD51-4309-8DAA-70768651088E"}}],
          "bargeInAllowed": true,
          "initialSilenceTimeoutInSeconds": 5,
          "maxSilenceTimeoutInSeconds": 2,
          "maxRecordDurationInSeconds": 10,
          "playBeep": true,
          "stopTones": ["Stop Tones value"],
          "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c"
        }
        """;

        var message = BodyCheck.SingleAt(Errors(seed), "stopTones[0]");

        Assert.Contains("\"Stop Tones value\"", message, StringComparison.Ordinal);
        Assert.Contains("not a DTMF tone", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GraphDocsExample_NoErrors()
    {
        var json = $$"""
        {"bargeInAllowed":true,"clientContext":"ctx","prompts":[{{Prompt}}],"maxRecordDurationInSeconds":10,
         "initialSilenceTimeoutInSeconds":5,"maxSilenceTimeoutInSeconds":2,"playBeep":true,"stopTones":["#","1","*"]}
        """;

        Assert.Empty(Errors(json));
    }

    [Theory]
    [InlineData("initialSilenceTimeoutInSeconds")]
    [InlineData("maxSilenceTimeoutInSeconds")]
    [InlineData("maxRecordDurationInSeconds")]
    public void Validate_TimeoutBounds_OneAndHundredTwentyPassZeroAndHundredTwentyOneFail(string field)
    {
        Assert.Empty(Errors($$"""{"{{field}}":1}"""));
        Assert.Empty(Errors($$"""{"{{field}}":120}"""));
        Assert.Contains("got 0", BodyCheck.SingleAt(Errors($$"""{"{{field}}":0}"""), field), StringComparison.Ordinal);
        Assert.Contains("got 121", BodyCheck.SingleAt(Errors($$"""{"{{field}}":121}"""), field), StringComparison.Ordinal);
        BodyCheck.SingleAt(Errors($$"""{"{{field}}":-5}"""), field);
    }

    [Theory]
    [InlineData("\"5\"", "the string \"5\"")]
    [InlineData("5.5", "the number 5.5")]
    [InlineData("true", "true")]
    [InlineData("[5]", "an array")]
    [InlineData("99999999999", "the number 99999999999")]
    public void Read_TimeoutNotAnInteger_FieldErrorNotException(string value, string shown)
    {
        foreach (var field in new[] { "initialSilenceTimeoutInSeconds", "maxSilenceTimeoutInSeconds", "maxRecordDurationInSeconds" })
        {
            var message = BodyCheck.SingleAt(Errors($$"""{"{{field}}":{{value}}}"""), field);

            Assert.Contains("whole number", message, StringComparison.Ordinal);
            Assert.Contains(shown, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_LimitRaisedByOperator_LongerDurationAccepted()
    {
        var limits = new GraphLimitsOptions { MaxRecordDurationInSeconds = 600 };

        Assert.Empty(Errors("""{"maxRecordDurationInSeconds":600}""", limits));
        BodyCheck.SingleAt(Errors("""{"maxRecordDurationInSeconds":601}""", limits), "maxRecordDurationInSeconds");
    }

    [Fact]
    public void Validate_TwoPrompts_PromptsNamed()
    {
        var message = BodyCheck.SingleAt(Errors($$"""{"prompts":[{{Prompt}},{{Prompt}}]}"""), "prompts");

        Assert.Contains("at most 1 prompt", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"prompts":[null]}""", "prompts[0]")]
    [InlineData("""{"prompts":[{"@odata.type":"#microsoft.graph.textPrompt","mediaInfo":{"uri":"https://a/b.wav"}}]}""", "prompts[0].@odata.type")]
    [InlineData("""{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt"}]}""", "prompts[0].mediaInfo")]
    [InlineData("""{"prompts":[{"mediaInfo":{"resourceId":"x"}}]}""", "prompts[0].mediaInfo.uri")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":""}}]}""", "prompts[0].mediaInfo.uri")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"q.wav"}}]}""", "prompts[0].mediaInfo.uri")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"ftp://a/q.wav"}}]}""", "prompts[0].mediaInfo.uri")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"https://a/q.wav"},"loop":0}]}""", "prompts[0].loop")]
    [InlineData("""{"prompts":{}}""", "prompts")]
    [InlineData("""{"prompts":[{"mediaInfo":"https://a/q.wav"}]}""", "prompts[0].mediaInfo")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":5}}]}""", "prompts[0].mediaInfo.uri")]
    [InlineData("""{"bargeInAllowed":"yes"}""", "bargeInAllowed")]
    [InlineData("""{"playBeep":1}""", "playBeep")]
    [InlineData("""{"stopTones":"#"}""", "stopTones")]
    [InlineData("""{"stopTones":[1]}""", "stopTones[0]")]
    [InlineData("""{"stopTones":["#","X"]}""", "stopTones[1]")]
    [InlineData("""{"stopTones":[""]}""", "stopTones[0]")]
    [InlineData("""{"stopTones":[null]}""", "stopTones[0]")]
    [InlineData("""{"stopTones":["##"]}""", "stopTones[0]")]
    [InlineData("""{"stopTones":["flash"]}""", "stopTones[0]")]
    [InlineData("""{"clientContext":7}""", "clientContext")]
    [InlineData("""{"streamWhileRecording":"no"}""", "streamWhileRecording")]
    [InlineData("""{"recordingFormat":"mp3"}""", "recordingFormat")]
    public void Validate_BadField_ThatFieldNamed(string json, string path)
    {
        BodyCheck.SingleAt(Errors(json), path);
    }

    [Fact]
    public void Validate_ClientContextLength_256PassesAnd257Fails()
    {
        Assert.Empty(Errors($$"""{"clientContext":"{{new string('x', 256)}}"}"""));
        Assert.Contains("got 257", BodyCheck.SingleAt(Errors($$"""{"clientContext":"{{new string('x', 257)}}"}"""), "clientContext"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DataUriPromptAndLegacyRecordFields_NoErrors()
    {
        const string json = """
        {"prompts":[{"mediaInfo":{"uri":"data:audio/wav;base64,UklGRg=="}, "loop":2}],
         "streamWhileRecording":true,"recordingFormat":"WAV","stopTones":["0","9","*","#","a","D","tone5","Pound","star"]}
        """;

        Assert.Empty(Errors(json));
    }

    [Fact]
    public void Validate_SeveralViolations_AllReported()
    {
        var errors = Errors("""{"maxRecordDurationInSeconds":0,"maxSilenceTimeoutInSeconds":500,"stopTones":["?"],"recordingFormat":"ogg"}""");

        Assert.Equal(["maxSilenceTimeoutInSeconds", "maxRecordDurationInSeconds", "stopTones[0]", "recordingFormat"], errors.Select(e => e.Path));
    }
}
