using Hark.Graph.Contracts;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

public sealed class PlayPromptRequestValidatorTests
{
    private static string Prompts(int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"https://bot.example/{{{i}}}.wav"}}""")) + "]";

    private static IReadOnlyList<FieldError> Errors(string json, GraphLimitsOptions? limits = null) =>
        BodyCheck.Errors(json, GraphJsonContext.Default.PlayPromptRequest, PlayPromptRequestValidator.Validate, limits);

    [Fact]
    public void Validate_TwentyPrompts_Accepted()
    {
        Assert.Empty(Errors($$"""{"prompts":{{Prompts(20)}},"clientContext":"c"}"""));
    }

    [Fact]
    public void Validate_TwentyOnePrompts_PromptsNamed()
    {
        var message = BodyCheck.SingleAt(Errors($$"""{"prompts":{{Prompts(21)}}}"""), "prompts");

        Assert.Contains("at most 20 prompts", message, StringComparison.Ordinal);
        Assert.Contains("got 21", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LimitRaised_TwentyFiveAccepted()
    {
        Assert.Empty(Errors($$"""{"prompts":{{Prompts(25)}}}""", new GraphLimitsOptions { MaxPromptsPlay = 25 }));
    }

    [Theory]
    [InlineData("""{}""", "prompts")]
    [InlineData("""{"prompts":[]}""", "prompts")]
    [InlineData("""{"prompts":null}""", "prompts")]
    [InlineData("""{"prompts":"https://a/q.wav"}""", "prompts")]
    [InlineData("""{"prompts":[null]}""", "prompts[0]")]
    [InlineData("""{"prompts":[{"@odata.type":"#microsoft.graph.textPrompt","mediaInfo":{"uri":"https://a/q.wav"}}]}""", "prompts[0].@odata.type")]
    [InlineData("""{"prompts":[{}]}""", "prompts[0].mediaInfo")]
    [InlineData("""{"prompts":[{"mediaInfo":{}}]}""", "prompts[0].mediaInfo.uri")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"/relative.wav"}}]}""", "prompts[0].mediaInfo.uri")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"file:///etc/passwd"}}]}""", "prompts[0].mediaInfo.uri")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"https://a/q.wav","resourceId":5}}]}""", "prompts[0].mediaInfo.resourceId")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"https://a/q.wav"},"loop":"2"}]}""", "prompts[0].loop")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"https://a/q.wav"},"loop":101}]}""", "prompts[0].loop")]
    [InlineData("""{"prompts":[{"mediaInfo":{"uri":"https://a/q.wav"}}],"clientContext":{}}""", "clientContext")]
    public void Validate_BadField_ThatFieldNamed(string json, string path)
    {
        BodyCheck.SingleAt(Errors(json), path);
    }

    [Fact]
    public void Validate_SecondPromptBad_IndexNamed()
    {
        var json = """{"prompts":[{"mediaInfo":{"uri":"https://a/1.wav"}},{"mediaInfo":{"uri":"nope"}}]}""";

        Assert.Contains("\"nope\"", BodyCheck.SingleAt(Errors(json), "prompts[1].mediaInfo.uri"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LongClientContext_ClientContextNamed()
    {
        var json = $$"""{"prompts":{{Prompts(1)}},"clientContext":"{{new string('c', 300)}}"}""";

        Assert.Contains("at most 256", BodyCheck.SingleAt(Errors(json), "clientContext"), StringComparison.Ordinal);
    }
}
