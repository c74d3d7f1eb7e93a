using System.Text.Json;
using Hark.Graph.Contracts;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Contracts;

public sealed class GraphEnumConverterTests
{
    [Theory]
    [InlineData("audio")]
    [InlineData("Audio")]
    [InlineData("AUDIO")]
    public void Read_AnyCase_Accepted(string modality)
    {
        var result = GraphRequestReader.Read(
            System.Text.Encoding.UTF8.GetBytes($$"""{"acceptedModalities":["{{modality}}"]}"""),
            GraphJsonContext.Default.AnswerRequest,
            bodyRequired: true);

        Assert.Equal([Modality.Audio], result.Value!.AcceptedModalities!);
    }

    [Fact]
    public void Write_MultiWordValues_LowerCamel()
    {
        var json = JsonSerializer.Serialize(
            new RecordOperation { Status = OperationStatus.NotStarted, CompletionReason = RecordCompletionReason.MaxRecordDurationReached },
            GraphJsonContext.Default.RecordOperation);

        Assert.Contains("\"status\":\"notStarted\"", json, StringComparison.Ordinal);
        Assert.Contains("\"completionReason\":\"maxRecordDurationReached\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Integer_RefusedNamingTheField()
    {
        var result = GraphRequestReader.Read("""{"reason":1}"""u8, GraphJsonContext.Default.RejectRequest, bodyRequired: true);

        var error = Assert.Single(result.Errors);
        Assert.Equal("reason", error.Path);
        Assert.Contains("\"busy\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownName_RefusedListingTheValues()
    {
        var result = GraphRequestReader.Read("""{"reason":"maybe"}"""u8, GraphJsonContext.Default.RejectRequest, bodyRequired: true);

        var error = Assert.Single(result.Errors);
        Assert.Equal("reason", error.Path);
        Assert.Contains("\"none\", \"busy\", \"forbidden\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"maybe\"", error.Message, StringComparison.Ordinal);
    }
}
