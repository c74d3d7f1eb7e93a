using Hark.Graph.Contracts;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

public sealed class AnswerRequestValidatorTests
{
    private const string Media = """ "mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"} """;

    private static IReadOnlyList<FieldError> Errors(string json, GraphLimitsOptions? limits = null) =>
        BodyCheck.Errors(json, GraphJsonContext.Default.AnswerRequest, AnswerRequestValidator.Validate, limits);

    [Theory]
    [InlineData("https://bot.example/cb")]
    [InlineData("http://127.0.0.1:9000/cb")]
    [InlineData("http://localhost:9000/cb")]
    [InlineData("http://[::1]/cb")]
    public void Validate_GoodCallbackUri_NoErrors(string uri)
    {
        Assert.Empty(Errors($$"""{"callbackUri":"{{uri}}",{{Media}},"acceptedModalities":["audio"]}"""));
    }

    [Fact]
    public void Validate_NoCallbackUri_AllowedBecauseTheApplicationHasOne()
    {
        Assert.Empty(Errors($$"""{ {{Media}},"acceptedModalities":["audio","video"]}"""));
    }

    [Fact]
    public void Validate_HttpToRemoteHost_RefusedUnlessOperatorAllows()
    {
        var json = $$"""{"callbackUri":"http://bot.example/cb",{{Media}},"acceptedModalities":["audio"]}""";

        Assert.Contains("https", BodyCheck.SingleAt(Errors(json), "callbackUri"), StringComparison.Ordinal);
        Assert.Empty(Errors(json, new GraphLimitsOptions { AllowHttpCallbackUris = true }));
    }

    [Theory]
    [InlineData(32, false)]
    [InlineData(33, true)]
    public void Validate_PreFetchMedia_AtMostMaxPreFetchMedia(int entries, bool refused)
    {
        var media = string.Join(",", Enumerable.Range(0, entries).Select(i => $$"""{"uri":"https://p.example/{{i}}.wav","resourceId":"r{{i}}"}"""));
        var json = $$"""{"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig","preFetchMedia":[{{media}}]},"acceptedModalities":["audio"]}""";

        if (refused)
        {
            Assert.Contains("at most 32", BodyCheck.SingleAt(Errors(json), "mediaConfig.preFetchMedia"), StringComparison.Ordinal);
            Assert.Empty(Errors(json, new GraphLimitsOptions { MaxPreFetchMedia = 33 }));
        }
        else
        {
            Assert.Empty(Errors(json));
        }
    }

    [Theory]
    [InlineData("""{"acceptedModalities":["audio"]}""", "mediaConfig")]
    [InlineData("""{"mediaConfig":null,"acceptedModalities":["audio"]}""", "mediaConfig")]
    [InlineData("""{"mediaConfig":{"@odata.type":"#microsoft.graph.appHostedMediaConfig","blob":"b"},"acceptedModalities":["audio"]}""", "mediaConfig")]
    [InlineData("""{"mediaConfig":{"blob":"b"},"acceptedModalities":["audio"]}""", "mediaConfig")]
    [InlineData("""{"mediaConfig":{"@odata.type":"#microsoft.graph.somethingElse"},"acceptedModalities":["audio"]}""", "mediaConfig.@odata.type")]
    [InlineData("""{"mediaConfig":{"preFetchMedia":[{"uri":"nope"}]},"acceptedModalities":["audio"]}""", "mediaConfig.preFetchMedia[0].uri")]
    [InlineData("""{"mediaConfig":{"preFetchMedia":[null]},"acceptedModalities":["audio"]}""", "mediaConfig.preFetchMedia[0]")]
    [InlineData("""{"mediaConfig":{"preFetchMedia":{}},"acceptedModalities":["audio"]}""", "mediaConfig.preFetchMedia")]
    [InlineData("""{"mediaConfig":"service","acceptedModalities":["audio"]}""", "mediaConfig")]
    [InlineData("""{"mediaConfig":{}}""", "acceptedModalities")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":[]}""", "acceptedModalities")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["video"]}""", "acceptedModalities")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":"audio"}""", "acceptedModalities")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["smell"]}""", "acceptedModalities[0]")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":[0]}""", "acceptedModalities[0]")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["audio"],"callbackUri":"not a uri"}""", "callbackUri")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["audio"],"callbackUri":"ftp://bot.example/cb"}""", "callbackUri")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["audio"],"callbackUri":"/cb"}""", "callbackUri")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["audio"],"callbackUri":42}""", "callbackUri")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["audio"],"participantCapacity":0}""", "participantCapacity")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["audio"],"participantCapacity":"10"}""", "participantCapacity")]
    [InlineData("""{"mediaConfig":{},"acceptedModalities":["audio"],"callOptions":{"hideBotAfterEscalation":"yes"}}""", "callOptions.hideBotAfterEscalation")]
    public void Validate_BadField_ThatFieldNamed(string json, string path)
    {
        BodyCheck.SingleAt(Errors(json), path);
    }

    [Fact]
    public void Read_EmptyBody_BodyRequired()
    {
        var error = Assert.Single(Errors(""));

        Assert.Equal("", error.Path);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }
}
