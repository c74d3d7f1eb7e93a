using Hark.Graph.Contracts;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

/// <summary>reject, cancelMediaProcessing, subscribeToTone and create call.</summary>
public sealed class OtherRequestValidatorTests
{
    private const string GoodCall = """
    {"callbackUri":"https://bot.example/cb","targets":[{"identity":{"phone":{"id":"+15550100"}}}],
     "requestedModalities":["audio"],"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"},"tenantId":"t"}
    """;

    private static IReadOnlyList<FieldError> Reject(string json) =>
        BodyCheck.Errors(json, GraphJsonContext.Default.RejectRequest, RejectRequestValidator.Validate);

    private static IReadOnlyList<FieldError> Create(string json) =>
        BodyCheck.Errors(json, GraphJsonContext.Default.CreateCallRequest, CreateCallRequestValidator.Validate);

    [Theory]
    [InlineData("""{"reason":"busy"}""")]
    [InlineData("""{"reason":"Forbidden","callbackUri":"https://bot.example/cb"}""")]
    [InlineData("""{}""")]
    public void Reject_GoodBody_NoErrors(string json)
    {
        Assert.Empty(Reject(json));
    }

    [Theory]
    [InlineData("""{"reason":"later"}""", "reason")]
    [InlineData("""{"reason":["busy"]}""", "reason")]
    [InlineData("""{"reason":"busy","callbackUri":"cb"}""", "callbackUri")]
    public void Reject_BadField_ThatFieldNamed(string json, string path)
    {
        BodyCheck.SingleAt(Reject(json), path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("null")]
    [InlineData("{}")]
    public void CancelMediaProcessing_EmptyBody_ReadsAsNoClientContext(string json)
    {
        var read = GraphRequestReader.Read(System.Text.Encoding.UTF8.GetBytes(json), GraphJsonContext.Default.CancelMediaProcessingRequest, bodyRequired: false);

        Assert.True(read.Succeeded);
        Assert.Null(read.Value!.ClientContext);
    }

    [Fact]
    public void CancelMediaProcessing_LongClientContext_Named()
    {
        var errors = BodyCheck.Errors(
            $$"""{"clientContext":"{{new string('x', 257)}}"}""",
            GraphJsonContext.Default.CancelMediaProcessingRequest,
            CancelMediaProcessingRequestValidator.Validate,
            bodyRequired: false);

        BodyCheck.SingleAt(errors, "clientContext");
    }

    [Fact]
    public void SubscribeToTone_LongOrWrongTypeClientContext_Named()
    {
        var tooLong = BodyCheck.Errors(
            $$"""{"clientContext":"{{new string('x', 257)}}"}""",
            GraphJsonContext.Default.SubscribeToToneRequest,
            SubscribeToToneRequestValidator.Validate,
            bodyRequired: false);
        var wrongType = BodyCheck.Errors(
            """{"clientContext":true}""",
            GraphJsonContext.Default.SubscribeToToneRequest,
            SubscribeToToneRequestValidator.Validate,
            bodyRequired: false);

        BodyCheck.SingleAt(tooLong, "clientContext");
        BodyCheck.SingleAt(wrongType, "clientContext");
    }

    [Fact]
    public void CreateCall_GoodBody_NoErrors()
    {
        Assert.Empty(Create(GoodCall));
    }

    [Theory]
    [InlineData("callbackUri", "callbackUri")]
    [InlineData("targets", "targets")]
    [InlineData("requestedModalities", "requestedModalities")]
    [InlineData("mediaConfig", "mediaConfig")]
    public void CreateCall_RequiredFieldMissing_Named(string field, string path)
    {
        var json = GoodCall.Replace($"\"{field}\":", $"\"x{field}\":", StringComparison.Ordinal);

        BodyCheck.SingleAt(Create(json), path);
    }

    [Theory]
    [InlineData("""[]""", "targets")]
    [InlineData("""[{"identity":{"phone":{"id":"1"}}},{"identity":{"phone":{"id":"2"}}}]""", "targets")]
    [InlineData("""[{}]""", "targets[0].identity")]
    [InlineData("""[null]""", "targets[0].identity")]
    [InlineData("""[{"identity":{"phone":{"displayName":"no id"}}}]""", "targets[0].identity")]
    [InlineData("""[{"identity":{"phone":{"id":15550100}}}]""", "targets[0].identity.phone.id")]
    public void CreateCall_BadTargets_Named(string targets, string path)
    {
        var json = GoodCall.Replace("""[{"identity":{"phone":{"id":"+15550100"}}}]""", targets, StringComparison.Ordinal);

        BodyCheck.SingleAt(Create(json), path);
    }

    [Fact]
    public void CreateCall_SourceWithoutIdentity_Named()
    {
        var json = GoodCall.Replace("\"tenantId\"", "\"source\":{\"region\":\"amer\"},\"tenantId\"", StringComparison.Ordinal);

        BodyCheck.SingleAt(Create(json), "source.identity");
    }
}
