using System.Text;
using Hark.Graph.Contracts;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

public sealed class GraphRequestReaderTests
{
    private static GraphReadResult<RecordResponseRequest> Read(string json, bool bodyRequired = true) =>
        GraphRequestReader.Read(Encoding.UTF8.GetBytes(json), GraphJsonContext.Default.RecordResponseRequest, bodyRequired);

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t")]
    [InlineData("null")]
    public void Read_NoBodyWhereRequired_BodyError(string json)
    {
        var error = Assert.Single(Read(json).Errors);

        Assert.Equal("", error.Path);
        Assert.Contains("body is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"playBeep":true""", 1, 17)]
    [InlineData("{\n  \"playBeep\": tru\n}", 2, 18)]
    [InlineData("""{'playBeep':true}""", 1, 2)]
    public void Read_MalformedJson_PositionGiven(string json, int line, int position)
    {
        var read = Read(json);

        Assert.False(read.Succeeded);
        var error = Assert.Single(read.Errors);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains($"line {line}, byte {position}", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Read_TrailingContent_Refused()
    {
        var error = Assert.Single(Read("""{"playBeep":true} {}""").Errors);

        Assert.True(error.Message.Contains("not valid JSON (line 1, byte 19)", StringComparison.Ordinal), error.Message);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"text\"", "the string \"text\"")]
    [InlineData("42", "the number 42")]
    public void Read_RootNotAnObject_BodyError(string json, string shown)
    {
        var error = Assert.Single(Read(json).Errors);

        Assert.Equal("", error.Path);
        Assert.Contains("must be a JSON object", error.Message, StringComparison.Ordinal);
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownProperties_Ignored()
    {
        var read = Read("""{"@odata.type":"#microsoft.graph.recordResponse","futureThing":{"a":[1,2]},"playBeep":false,"PlayBeep":true}""");

        Assert.True(read.Succeeded);
        Assert.False(read.Value!.PlayBeep);
    }

    [Fact]
    public void Read_NestedWrongType_FullPathAndExpectedType()
    {
        var error = Assert.Single(Read("""{"prompts":[{"mediaInfo":{"uri":["https://a"]}}]}""").Errors);

        Assert.Equal("prompts[0].mediaInfo.uri", error.Path);
        Assert.Equal("prompts[0].mediaInfo.uri must be a string; got an array.", error.Message);
    }

    [Fact]
    public void Read_HugeBadValue_Clipped()
    {
        var error = Assert.Single(Read($$"""{"clientContext":["{{new string('z', 5000)}}"]}""").Errors);

        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Theory]
    [InlineData("$.a.b[3].c", "a.b[3].c")]
    [InlineData("$['@odata.type']", "@odata.type")]
    [InlineData("$.prompts[0]['@odata.type']", "prompts[0].@odata.type")]
    [InlineData("$", "")]
    public void Parse_SystemTextJsonPath_Formatted(string jsonPath, string expected)
    {
        Assert.Equal(expected, JsonPathDescriber.Format(JsonPathDescriber.Parse(jsonPath)));
    }

    [Fact]
    public async Task ReadAsync_HttpRequestBody_Parsed()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"maxRecordDurationInSeconds":30}"""));

        var read = await GraphRequestReader.ReadAsync(context.Request, GraphJsonContext.Default.RecordResponseRequest, bodyRequired: true, CancellationToken.None);

        Assert.Equal(30, read.Value!.MaxRecordDurationInSeconds);
    }

    [Fact]
    public async Task ReadAsync_BodyOverLimit_BodyError()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Body = new MemoryStream(new byte[GraphRequestReader.MaxBodyBytes + 1]);

        var read = await GraphRequestReader.ReadAsync(context.Request, GraphJsonContext.Default.RecordResponseRequest, bodyRequired: true, CancellationToken.None);

        var error = Assert.Single(read.Errors);
        Assert.Equal("", error.Path);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }
}
