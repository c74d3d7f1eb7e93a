using System.Text.Json;
using Hark.Graph.Contracts;

namespace Hark.Graph.Tests.Contracts;

public sealed class CommsNotificationsTests
{
    [Fact]
    public void Read_RealTrafficEnvelope_CapitalChangeTypeAndExtraFieldsAccepted()
    {
        const string json = """
        {"@odata.type":"#microsoft.graph.commsNotifications","value":[{"@odata.type":"#microsoft.graph.commsNotification",
         "changeType":"Updated","resource":"/app/calls/c1","resourceUrl":"/communications/calls/c1",
         "resourceData":{"@odata.type":"#microsoft.graph.call","state":"established"}}]}
        """;

        var envelope = JsonSerializer.Deserialize(json, GraphJsonContext.Default.CommsNotifications);

        var notification = Assert.Single(envelope!.Value);
        Assert.Equal(ChangeType.Updated, notification.ChangeType);
        Assert.Equal("/communications/calls/c1", notification.ResourceUrl);
        var data = Assert.IsType<JsonElement>(notification.ResourceData);
        Assert.Equal("established", data.GetProperty("state").GetString());
    }

    [Fact]
    public void Write_RejectedCallDeletion_OnlyTypeAndId()
    {
        var envelope = new CommsNotifications
        {
            Value = [new CommsNotification { ChangeType = ChangeType.Deleted, ResourceUrl = "/communications/calls/c1", ResourceData = new Call { OdataId = "/communications/calls/c1" } }],
        };

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(envelope, GraphJsonContext.Default.CommsNotifications));

        var data = document.RootElement.GetProperty("value")[0].GetProperty("resourceData");
        Assert.Equal(["@odata.type", "@odata.id"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("deleted", document.RootElement.GetProperty("value")[0].GetProperty("changeType").GetString());
    }
}
