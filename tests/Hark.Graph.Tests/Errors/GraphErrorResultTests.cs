using System.Text.Json;
using Hark.Graph.Errors;
using Hark.Graph.Tests.Contracts;
using Hark.Graph.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph.Models.ODataErrors;

namespace Hark.Graph.Tests.Errors;

public sealed class GraphErrorResultTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private static async Task<(DefaultHttpContext Context, byte[] Body)> ExecuteAsync(GraphErrorResult result, string? clientRequestId = null)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<TimeProvider>(new FixedTimeProvider(Now)).BuildServiceProvider(),
        };
        if (clientRequestId is not null)
        {
            context.Request.Headers["client-request-id"] = clientRequestId;
        }

        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context, body.ToArray());
    }

    [Fact]
    public async Task ExecuteAsync_CallNotFound_GraphBodyAndHeaders()
    {
        var (context, body) = await ExecuteAsync(GraphError.CallNotFound(), clientRequestId: "client-42");

        Assert.Equal(404, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        var requestId = context.Response.Headers["request-id"].ToString();
        Assert.True(Guid.TryParse(requestId, out _), requestId);
        Assert.Equal("client-42", context.Response.Headers["client-request-id"].ToString());

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal(["error"], root.EnumerateObject().Select(p => p.Name));
        var error = root.GetProperty("error");
        Assert.Equal(["code", "message", "innerError"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("8522", error.GetProperty("code").GetString());
        Assert.Equal("Call not found.", error.GetProperty("message").GetString());
        var inner = error.GetProperty("innerError");
        Assert.Equal(["date", "request-id", "client-request-id"], inner.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-03-04T05:06:07", inner.GetProperty("date").GetString());
        Assert.Equal(requestId, inner.GetProperty("request-id").GetString());
        Assert.Equal("client-42", inner.GetProperty("client-request-id").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_MethodNotAllowed_405WithAllowHeaderAndGraphBody()
    {
        var (context, body) = await ExecuteAsync(GraphError.MethodNotAllowed("Graph has no list of calls.", "POST"));

        Assert.Equal(405, context.Response.StatusCode);
        Assert.Equal("POST", context.Response.Headers.Allow.ToString());
        using var document = JsonDocument.Parse(body);
        Assert.Equal("MethodNotAllowed", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Graph has no list of calls.", document.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_NotFound_NoAllowHeader()
    {
        var (context, _) = await ExecuteAsync(GraphError.CallNotFound());

        Assert.False(context.Response.Headers.ContainsKey("Allow"));
    }

    [Fact]
    public async Task ExecuteAsync_NoClientRequestId_ClientIdIsTheRequestId()
    {
        var (context, body) = await ExecuteAsync(GraphError.Forbidden("Calls.AccessMedia.All is required."));

        using var document = JsonDocument.Parse(body);
        var inner = document.RootElement.GetProperty("error").GetProperty("innerError");
        Assert.Equal(403, context.Response.StatusCode);
        Assert.Equal(context.Response.Headers["request-id"].ToString(), inner.GetProperty("client-request-id").GetString());
    }

    [Fact]
    public void Ensure_SameRequestTwice_SameIds()
    {
        var context = new DefaultHttpContext();
        var first = GraphRequestIds.Ensure(context);
        var second = GraphRequestIds.Ensure(context);

        Assert.Equal(first, second);
        Assert.NotEqual(first.RequestId, GraphRequestIds.Ensure(new DefaultHttpContext()).RequestId);
    }

    [Fact]
    public async Task ExecuteAsync_FieldErrors_SdkParsesODataErrorWithDetails()
    {
        var errors = new[]
        {
            new FieldError("stopTones[0]", "stopTones[0] is \"Stop Tones value\", which is not a DTMF tone."),
            new FieldError("maxRecordDurationInSeconds", "maxRecordDurationInSeconds must be between 1 and 120 seconds; got 500."),
        };
        var (context, body) = await ExecuteAsync(GraphError.BadRequest(errors), clientRequestId: "c-1");

        var parsed = await SdkJson.ReadAsync(body, ODataError.CreateFromDiscriminatorValue);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("BadRequest", parsed!.Error!.Code);
        Assert.Contains("Stop Tones value", parsed.Error.Message, StringComparison.Ordinal);
        Assert.Contains("maxRecordDurationInSeconds", parsed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["stopTones[0]", "maxRecordDurationInSeconds"], parsed.Error.Details!.Select(d => d.Target));
        Assert.Equal(errors.Select(e => e.Message), parsed.Error.Details!.Select(d => d.Message));
        Assert.Equal(context.Response.Headers["request-id"].ToString(), parsed.Error.InnerError!.RequestId);
        Assert.Equal("c-1", parsed.Error.InnerError.ClientRequestId);
        Assert.Equal(Now.UtcDateTime.Date, parsed.Error.InnerError.Date!.Value.UtcDateTime.Date);
    }

    [Fact]
    public async Task ExecuteAsync_BodyLevelError_TargetIsBody()
    {
        var (_, body) = await ExecuteAsync(GraphError.BadRequest([new FieldError("", "A JSON request body is required.")]));

        var parsed = await SdkJson.ReadAsync(body, ODataError.CreateFromDiscriminatorValue);

        Assert.Equal("A JSON request body is required.", parsed!.Error!.Message);
        Assert.Equal("body", Assert.Single(parsed.Error.Details!).Target);
    }

    [Theory]
    [InlineData(401, "InvalidAuthenticationToken")]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "8522")]
    [InlineData(404, "itemNotFound")]
    [InlineData(400, "InvalidRequest")]
    [InlineData(400, "BadRequest")]
    [InlineData(500, "UnknownError")]
    public async Task Factory_EachKind_StatusAndCodeTheSdkSees(int status, string code)
    {
        GraphErrorResult result = (status, code) switch
        {
            (401, _) => GraphError.Unauthorized(),
            (403, _) => GraphError.Forbidden("no role"),
            (404, "8522") => GraphError.CallNotFound(),
            (404, _) => GraphError.NotFound("Operation not found."),
            (400, "InvalidRequest") => GraphError.InvalidRequest("The call is not established."),
            (400, _) => GraphError.BadRequest("Bad route value."),
            _ => GraphError.UnknownError(),
        };

        var (context, body) = await ExecuteAsync(result);
        var parsed = await SdkJson.ReadAsync(body, ODataError.CreateFromDiscriminatorValue);

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(code, parsed!.Error!.Code);
        Assert.False(string.IsNullOrEmpty(parsed.Error.Message));
        Assert.Null(parsed.Error.Details);
    }

    [Fact]
    public void BadRequest_NoErrors_Throws()
    {
        Assert.Throws<ArgumentException>(() => GraphError.BadRequest(Array.Empty<FieldError>()));
    }
}
