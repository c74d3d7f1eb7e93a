using System.Text.Json;
using Hark.Graph.Contracts;

namespace Hark.Graph.Tests.Contracts;

public sealed class ResultInfoTests
{
    [Theory]
    [InlineData("""{"code":200,"subcode":8515,"message":"m"}""")]
    [InlineData("""{"code":"200","subcode":"8515","message":"m"}""")]
    public void Read_NumbersOrNumericStrings_SameValues(string json)
    {
        var operation = JsonSerializer.Deserialize($$"""{"status":"completed","resultInfo":{{json}}}""", GraphJsonContext.Default.RecordOperation);

        Assert.Equal(200, operation!.ResultInfo!.Code);
        Assert.Equal(8515, operation.ResultInfo.Subcode);
    }

    [Fact]
    public void Write_Codes_AsNumbers()
    {
        var json = JsonSerializer.Serialize(new RecordOperation { ResultInfo = new ResultInfo { Code = 400, Subcode = 8508 } }, GraphJsonContext.Default.RecordOperation);

        Assert.Contains("\"code\":400,\"subcode\":8508", json, StringComparison.Ordinal);
    }
}
