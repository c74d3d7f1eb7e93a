using System.Text.Json;
using Hark.Graph.Calls;
using Hark.Graph.Contracts;
using Hark.Graph.Tests.Contracts;
using Sdk = Microsoft.Graph.Models;
using LifecycleDirection = Hark.Calls.Lifecycle.CallDirection;
using LifecycleState = Hark.Calls.Lifecycle.CallState;

namespace Hark.Graph.Tests.Calls;

/// <summary>The call resource Hark sends, read through the SDK's typed models as a bot reads it.</summary>
public sealed class GraphResourcesTests
{
    private static CallInfo Info(LifecycleDirection direction, string remote, string? local = null) => new()
    {
        Id = "c1",
        ApplicationId = "app-1",
        TenantId = "tenant-1",
        Direction = direction,
        RemoteNumber = remote,
        LocalNumber = local,
        CreatedAt = DateTimeOffset.UnixEpoch,
        BaseUrl = "http://hark.test",
    };

    private static async Task<Sdk.Call> ParseAsync(Call call) =>
        (await SdkJson.ReadAsync(JsonSerializer.SerializeToUtf8Bytes(call, GraphJsonContext.Default.Call), Sdk.Call.CreateFromDiscriminatorValue))!;

    [Fact]
    public async Task Call_Incoming_SdkTypedModelsGiveCallerDialledNumberAndIncomingContext()
    {
        var info = Info(LifecycleDirection.Incoming, "+15550100", "+15551234");

        var call = await ParseAsync(GraphResources.Call(info, LifecycleState.Incoming));

        var source = Assert.IsType<Sdk.CommunicationsIdentitySet>(call.Source!.Identity);
        Assert.Equal("+15550100", source.Phone!.Id);
        Assert.Equal(info.RemoteParticipantId, call.Source.ParticipantId);
        Assert.Equal(Sdk.EndpointType.Default, call.Source.EndpointType);
        var target = Assert.IsType<Sdk.CommunicationsIdentitySet>(Assert.Single(call.Targets!).Identity);
        Assert.Equal("+15551234", target.Phone!.Id);
        Assert.Equal("app-1", target.Application!.Id);
        Assert.Equal(info.MyParticipantId, call.Targets![0].ParticipantId);
        Assert.Equal(info.RemoteParticipantId, call.IncomingContext!.SourceParticipantId);
        Assert.Empty(call.Source.AdditionalData);
        Assert.Empty(source.AdditionalData);
        Assert.All(call.AdditionalData.Keys, k => Assert.StartsWith("@odata.", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_Outgoing_SourceIsTheApplicationTargetTheNumberNoIncomingContext()
    {
        var info = Info(LifecycleDirection.Outgoing, "+15550199");

        var call = await ParseAsync(GraphResources.Call(info, LifecycleState.Establishing));

        Assert.Equal("app-1", Assert.IsType<Sdk.CommunicationsIdentitySet>(call.Source!.Identity).Application!.Id);
        Assert.Null(((Sdk.CommunicationsIdentitySet)call.Source.Identity!).Phone);
        Assert.Equal("+15550199", Assert.IsType<Sdk.CommunicationsIdentitySet>(Assert.Single(call.Targets!).Identity).Phone!.Id);
        Assert.Null(call.IncomingContext);
    }

    [Fact]
    public void Call_NestedObjects_CarryGraphsODataTypes()
    {
        var info = Info(LifecycleDirection.Incoming, "+15550100", "+15551234");

        var json = JsonSerializer.SerializeToElement(GraphResources.Call(info, LifecycleState.Established, audioActive: true), GraphJsonContext.Default.Call);

        Assert.Equal("#microsoft.graph.call", json.GetProperty("@odata.type").GetString());
        Assert.Equal("#microsoft.graph.participantInfo", json.GetProperty("source").GetProperty("@odata.type").GetString());
        Assert.Equal("#microsoft.graph.communicationsIdentitySet", json.GetProperty("source").GetProperty("identity").GetProperty("@odata.type").GetString());
        Assert.Equal("#microsoft.graph.identity", json.GetProperty("source").GetProperty("identity").GetProperty("phone").GetProperty("@odata.type").GetString());
        Assert.Equal("#microsoft.graph.invitationParticipantInfo", json.GetProperty("targets")[0].GetProperty("@odata.type").GetString());
        Assert.Equal("#microsoft.graph.callMediaState", json.GetProperty("mediaState").GetProperty("@odata.type").GetString());
        Assert.Equal("#microsoft.graph.incomingContext", json.GetProperty("incomingContext").GetProperty("@odata.type").GetString());
    }
}
