using System.Text.Json;
using Hark.Graph.Contracts;
using Microsoft.Kiota.Abstractions.Serialization;
using Sdk = Microsoft.Graph.Models;

namespace Hark.Graph.Tests.Contracts;

/// <summary>What Hark writes must parse in the real SDK into the right derived types and values.</summary>
public sealed class SdkResourceTests
{
    private static byte[] Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.SerializeToUtf8Bytes(value, info);

    [Fact]
    public async Task RecordOperation_Completed_SdkSeesRecordOperationWithAllFields()
    {
        var operation = new RecordOperation
        {
            OdataId = "/communications/calls/c1/operations/o1",
            Id = "o1",
            ClientContext = "ctx",
            Status = OperationStatus.Completed,
            ResultInfo = new ResultInfo { Code = 200, Subcode = 8514, Message = "Action completed, stop tone detected." },
            RecordingLocation = "https://hark.example/recordings/r1",
            RecordingAccessToken = "token-1",
            CompletionReason = RecordCompletionReason.StopToneDetected,
        };

        var parsed = await SdkJson.ReadAsync(Write(operation, GraphJsonContext.Default.RecordOperation), Sdk.CommsOperation.CreateFromDiscriminatorValue);

        var record = Assert.IsType<Sdk.RecordOperation>(parsed);
        Assert.Equal("o1", record.Id);
        Assert.Equal("ctx", record.ClientContext);
        Assert.Equal(Sdk.OperationStatus.Completed, record.Status);
        Assert.Equal(200, record.ResultInfo!.Code);
        Assert.Equal(8514, record.ResultInfo.Subcode);
        Assert.Equal("Action completed, stop tone detected.", record.ResultInfo.Message);
        Assert.Equal("https://hark.example/recordings/r1", record.RecordingLocation);
        Assert.Equal("token-1", record.RecordingAccessToken);
        Assert.Equal("stopToneDetected", record.AdditionalData["completionReason"]?.ToString());
    }

    [Fact]
    public async Task RecordOperation_Running_NullsOmittedAndSdkParses()
    {
        var operation = new RecordOperation { Id = "o2", Status = OperationStatus.Running };
        var json = Write(operation, GraphJsonContext.Default.RecordOperation);

        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["@odata.type", "id", "status"], names);
        Assert.Equal("running", document.RootElement.GetProperty("status").GetString());

        var record = await SdkJson.ReadAsync(json, Sdk.RecordOperation.CreateFromDiscriminatorValue);
        Assert.Equal(Sdk.OperationStatus.Running, record!.Status);
        Assert.Null(record.ResultInfo);
        Assert.Null(record.RecordingLocation);
    }

    [Fact]
    public async Task RecordOperation_Cancelled_EmptyLocationKeptAndFailedStatus()
    {
        var operation = new RecordOperation
        {
            Id = "o3",
            Status = OperationStatus.Failed,
            ResultInfo = new ResultInfo { Code = 400, Subcode = 8508, Message = "Action failed, the operation was cancelled." },
            RecordingLocation = "",
            RecordingAccessToken = "",
            CompletionReason = RecordCompletionReason.OperationCanceled,
        };

        var record = await SdkJson.ReadAsync(Write(operation, GraphJsonContext.Default.RecordOperation), Sdk.RecordOperation.CreateFromDiscriminatorValue);

        Assert.Equal(Sdk.OperationStatus.Failed, record!.Status);
        Assert.Equal(8508, record.ResultInfo!.Subcode);
        Assert.Equal("", record.RecordingLocation);
        Assert.Equal("", record.RecordingAccessToken);
        Assert.Equal("operationCanceled", record.AdditionalData["completionReason"]?.ToString());
    }

    [Fact]
    public async Task PlayPromptOperation_SdkSeesPlayPromptOperation()
    {
        var operation = new PlayPromptOperation
        {
            Id = "p1",
            Status = OperationStatus.Completed,
            ResultInfo = new ResultInfo { Code = 200, Subcode = 0, Message = "Action completed successfully." },
            CompletionReason = PlayPromptCompletionReason.CompletedSuccessfully,
        };

        var parsed = await SdkJson.ReadAsync(Write(operation, GraphJsonContext.Default.PlayPromptOperation), Sdk.CommsOperation.CreateFromDiscriminatorValue);

        var play = Assert.IsType<Sdk.PlayPromptOperation>(parsed);
        Assert.Equal(Sdk.OperationStatus.Completed, play.Status);
        Assert.Equal(0, play.ResultInfo!.Subcode);
        Assert.Equal("completedSuccessfully", play.AdditionalData["completionReason"]?.ToString());
    }

    [Fact]
    public async Task CancelMediaProcessingOperation_SdkSeesDerivedType()
    {
        var operation = new CancelMediaProcessingOperation { Id = "x1", Status = OperationStatus.Completed, ClientContext = "c" };

        var parsed = await SdkJson.ReadAsync(Write(operation, GraphJsonContext.Default.CancelMediaProcessingOperation), Sdk.CommsOperation.CreateFromDiscriminatorValue);

        var cancel = Assert.IsType<Sdk.CancelMediaProcessingOperation>(parsed);
        Assert.Equal(Sdk.OperationStatus.Completed, cancel.Status);
        Assert.Equal("c", cancel.ClientContext);
    }

    [Fact]
    public async Task SubscribeToToneOperation_SdkSeesDerivedType()
    {
        var operation = new SubscribeToToneOperation { Id = "t1", Status = OperationStatus.Completed };

        var parsed = await SdkJson.ReadAsync(Write(operation, GraphJsonContext.Default.SubscribeToToneOperation), Sdk.CommsOperation.CreateFromDiscriminatorValue);

        Assert.Equal(Sdk.OperationStatus.Completed, Assert.IsType<Sdk.SubscribeToToneOperation>(parsed).Status);
    }

    [Fact]
    public async Task Call_FullResource_SdkSeesEveryField()
    {
        var call = new Call
        {
            OdataId = "/communications/calls/c1",
            OdataEtag = "W/\"1\"",
            Id = "c1",
            State = CallState.Established,
            Direction = CallDirection.Incoming,
            CallbackUri = "https://bot.example/cb",
            Subject = "hello",
            Source = new ParticipantInfo
            {
                Identity = new IdentitySet { OdataType = "#microsoft.graph.communicationsIdentitySet", Phone = new Identity { Id = "+15550100" } },
                Region = "amer",
            },
            Targets = [new InvitationParticipantInfo { Identity = new IdentitySet { Application = new Identity { Id = "app-1", DisplayName = "Bot" } } }],
            RequestedModalities = [Modality.Audio],
            MediaConfig = new MediaConfig { OdataType = ODataTypes.ServiceHostedMediaConfig, PreFetchMedia = [new MediaInfo { Uri = "https://bot.example/p.wav", ResourceId = "p" }] },
            MediaState = new CallMediaState { Audio = MediaState.Active },
            ResultInfo = new ResultInfo { Code = 200, Subcode = 5001, Message = "ended" },
            MyParticipantId = "me-1",
            CallChainId = "chain-1",
            TenantId = "tenant-1",
            ToneInfo = new ToneInfo { SequenceId = 3, Tone = Tone.Pound },
        };

        var parsed = await SdkJson.ReadAsync(Write(call, GraphJsonContext.Default.Call), Sdk.Call.CreateFromDiscriminatorValue);

        Assert.Equal("c1", parsed!.Id);
        Assert.Equal(Sdk.CallState.Established, parsed.State);
        Assert.Equal(Sdk.CallDirection.Incoming, parsed.Direction);
        Assert.Equal("https://bot.example/cb", parsed.CallbackUri);
        Assert.Equal("hello", parsed.Subject);
        Assert.Equal("+15550100", Assert.IsType<Sdk.CommunicationsIdentitySet>(parsed.Source!.Identity).Phone!.Id);
        Assert.Equal("amer", parsed.Source.Region);
        Assert.Equal("app-1", Assert.Single(parsed.Targets!).Identity!.Application!.Id);
        Assert.Equal([Sdk.Modality.Audio], parsed.RequestedModalities!.Cast<Sdk.Modality>());
        var media = Assert.IsType<Sdk.ServiceHostedMediaConfig>(parsed.MediaConfig);
        Assert.Equal("https://bot.example/p.wav", Assert.Single(media.PreFetchMedia!).Uri);
        Assert.Equal(Sdk.MediaState.Active, parsed.MediaState!.Audio);
        Assert.Equal(5001, parsed.ResultInfo!.Subcode);
        Assert.Equal("me-1", parsed.MyParticipantId);
        Assert.Equal("chain-1", parsed.CallChainId);
        Assert.Equal("tenant-1", parsed.TenantId);
        Assert.Equal(3, parsed.ToneInfo!.SequenceId);
        Assert.Equal(Sdk.Tone.Pound, parsed.ToneInfo.Tone);
    }

    [Fact]
    public async Task CommsNotifications_OperationCompletion_SdkParsesEnvelopeAndResourceData()
    {
        var notifications = new CommsNotifications
        {
            Value =
            [
                new CommsNotification
                {
                    ChangeType = ChangeType.Deleted,
                    ResourceUrl = "/communications/calls/c1/operations/o1",
                    ResourceData = new RecordOperation
                    {
                        OdataId = "/communications/calls/c1/operations/o1",
                        Id = "o1",
                        Status = OperationStatus.Completed,
                        ResultInfo = new ResultInfo { Code = 200, Subcode = 8515, Message = "Action completed, max record duration reached." },
                        RecordingLocation = "https://hark.example/r/1",
                        RecordingAccessToken = "tok",
                        CompletionReason = RecordCompletionReason.MaxRecordDurationReached,
                    },
                },
            ],
        };
        var json = Write(notifications, GraphJsonContext.Default.CommsNotifications);

        // SDK v5 has no commsNotifications model (the reference's claim otherwise does not hold for 5.92),
        // so a bot walks the envelope with the SDK's parse nodes and types resourceData by @odata.type.
        var root = await SdkJson.ReadNodeAsync(json);
        Assert.Equal(ODataTypes.CommsNotifications, root.GetChildNode("@odata.type")!.GetStringValue());
        var items = root.GetChildNode("value")!.GetCollectionOfObjectValues(UntypedNode.CreateFromDiscriminatorValue).ToList();
        Assert.Single(items);

        using var document = JsonDocument.Parse(json);
        var item = document.RootElement.GetProperty("value")[0];
        var itemNode = await SdkJson.ReadNodeAsync(JsonSerializer.SerializeToUtf8Bytes(item, GraphJsonContext.Default.JsonElement));
        Assert.Equal("deleted", itemNode.GetChildNode("changeType")!.GetStringValue());
        Assert.Equal("/communications/calls/c1/operations/o1", itemNode.GetChildNode("resourceUrl")!.GetStringValue());
        var record = Assert.IsType<Sdk.RecordOperation>(itemNode.GetChildNode("resourceData")!.GetObjectValue(Sdk.CommsOperation.CreateFromDiscriminatorValue));
        Assert.Equal("https://hark.example/r/1", record.RecordingLocation);
        Assert.Equal(8515, record.ResultInfo!.Subcode);
        Assert.Equal("maxRecordDurationReached", record.AdditionalData["completionReason"]?.ToString());
    }

    [Fact]
    public async Task CommsNotifications_ToneUpdate_CallResourceDataCarriesToneInfo()
    {
        var notifications = new CommsNotifications
        {
            Value =
            [
                new CommsNotification
                {
                    ChangeType = ChangeType.Updated,
                    ResourceUrl = "/communications/calls/c1",
                    ResourceData = new Call { State = CallState.Established, ToneInfo = new ToneInfo { SequenceId = 1, Tone = Tone.Tone1 } },
                },
            ],
        };
        var json = Write(notifications, GraphJsonContext.Default.CommsNotifications);

        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("value")[0].GetProperty("resourceData");
        Assert.Equal(ODataTypes.Call, data.GetProperty("@odata.type").GetString());
        Assert.Equal("tone1", data.GetProperty("toneInfo").GetProperty("tone").GetString());
        Assert.Equal("updated", document.RootElement.GetProperty("value")[0].GetProperty("changeType").GetString());

        var call = await SdkJson.ReadAsync(JsonSerializer.SerializeToUtf8Bytes(data, GraphJsonContext.Default.JsonElement), Sdk.Call.CreateFromDiscriminatorValue);
        Assert.Equal(Sdk.Tone.Tone1, call!.ToneInfo!.Tone);
        Assert.Equal(1, call.ToneInfo.SequenceId);
        Assert.Equal(Sdk.CallState.Established, call.State);
    }
}
