using Hark.Graph.Contracts;
using Hark.Graph.Validation;
using Microsoft.Graph.Communications.Calls.Item.Answer;
using Microsoft.Graph.Communications.Calls.Item.CancelMediaProcessing;
using Microsoft.Graph.Communications.Calls.Item.PlayPrompt;
using Microsoft.Graph.Communications.Calls.Item.RecordResponse;
using Microsoft.Graph.Communications.Calls.Item.Reject;
using Microsoft.Graph.Communications.Calls.Item.SubscribeToTone;
using Sdk = Microsoft.Graph.Models;

namespace Hark.Graph.Tests.Contracts;

/// <summary>Bodies written by the real Microsoft.Graph 5 SDK must read, field for field, into Hark's contracts.</summary>
public sealed class SdkRequestBodyTests
{
    private static readonly GraphLimitsOptions Limits = new();

    private static T Read<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class, new()
    {
        var result = GraphRequestReader.Read(json, info, bodyRequired: true);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    [Fact]
    public void RecordResponse_SdkBody_EveryFieldArrives()
    {
        var body = new RecordResponsePostRequestBody
        {
            Prompts = [new Sdk.MediaPrompt { MediaInfo = new Sdk.MediaInfo { Uri = "https://bot.example/q.wav", ResourceId = "res-1" } }],
            BargeInAllowed = true,
            InitialSilenceTimeoutInSeconds = 7,
            MaxSilenceTimeoutInSeconds = 3,
            MaxRecordDurationInSeconds = 42,
            PlayBeep = false,
            StopTones = ["#", "1", "*"],
            ClientContext = "ctx-record",
        };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.RecordResponseRequest);

        var prompt = Assert.Single(request.Prompts!);
        Assert.True(ODataTypes.Matches(prompt!.OdataType, ODataTypes.MediaPrompt));
        Assert.Equal("https://bot.example/q.wav", prompt.MediaInfo!.Uri);
        Assert.Equal("res-1", prompt.MediaInfo.ResourceId);
        Assert.True(request.BargeInAllowed);
        Assert.Equal(7, request.InitialSilenceTimeoutInSeconds);
        Assert.Equal(3, request.MaxSilenceTimeoutInSeconds);
        Assert.Equal(42, request.MaxRecordDurationInSeconds);
        Assert.False(request.PlayBeep);
        Assert.Equal(["#", "1", "*"], request.StopTones!);
        Assert.Equal("ctx-record", request.ClientContext);
        Assert.Empty(RecordResponseRequestValidator.Validate(request, Limits));
    }

    [Fact]
    public void RecordResponse_SdkBodyWithNothingSet_ReadsAllNullAndValid()
    {
        var request = Read(SdkJson.Write(new RecordResponsePostRequestBody()), GraphJsonContext.Default.RecordResponseRequest);

        Assert.Null(request.Prompts);
        Assert.Null(request.MaxRecordDurationInSeconds);
        Assert.Null(request.PlayBeep);
        Assert.Empty(RecordResponseRequestValidator.Validate(request, Limits));
    }

    [Fact]
    public void Answer_SdkBody_EveryFieldArrives()
    {
        var body = new AnswerPostRequestBody
        {
            CallbackUri = "https://bot.example/callback",
            MediaConfig = new Sdk.ServiceHostedMediaConfig
            {
                PreFetchMedia = [new Sdk.MediaInfo { Uri = "https://bot.example/welcome.wav", ResourceId = "welcome" }],
            },
            AcceptedModalities = [Sdk.Modality.Audio],
            CallOptions = new Sdk.IncomingCallOptions
            {
                HideBotAfterEscalation = true,
                IsContentSharingNotificationEnabled = false,
                IsDeltaRosterEnabled = true,
                IsInteractiveRosterEnabled = false,
            },
            ParticipantCapacity = 200,
        };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.AnswerRequest);

        Assert.Equal("https://bot.example/callback", request.CallbackUri);
        Assert.True(ODataTypes.Matches(request.MediaConfig!.OdataType, ODataTypes.ServiceHostedMediaConfig));
        Assert.False(request.MediaConfig.IsAppHosted);
        var media = Assert.Single(request.MediaConfig.PreFetchMedia!);
        Assert.Equal("https://bot.example/welcome.wav", media!.Uri);
        Assert.Equal("welcome", media.ResourceId);
        Assert.Equal([Modality.Audio], request.AcceptedModalities!);
        Assert.Equal("#microsoft.graph.incomingCallOptions", request.CallOptions!.OdataType);
        Assert.True(request.CallOptions.HideBotAfterEscalation);
        Assert.False(request.CallOptions.IsContentSharingNotificationEnabled);
        Assert.True(request.CallOptions.IsDeltaRosterEnabled);
        Assert.False(request.CallOptions.IsInteractiveRosterEnabled);
        Assert.Equal(200, request.ParticipantCapacity);
        Assert.Empty(AnswerRequestValidator.Validate(request, Limits));
    }

    [Fact]
    public void Answer_SdkAppHostedMediaConfig_ReadsAsAppHostedAndIsRefused()
    {
        var body = new AnswerPostRequestBody
        {
            MediaConfig = new Sdk.AppHostedMediaConfig { Blob = "<media-config-blob>" },
            AcceptedModalities = [Sdk.Modality.Audio],
        };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.AnswerRequest);

        Assert.True(request.MediaConfig!.IsAppHosted);
        Assert.Equal("<media-config-blob>", request.MediaConfig.Blob);
        Assert.Contains(AnswerRequestValidator.Validate(request, Limits), e => e.Path == "mediaConfig");
    }

    [Fact]
    public void PlayPrompt_SdkBody_EveryFieldArrives()
    {
        var body = new PlayPromptPostRequestBody
        {
            Prompts =
            [
                new Sdk.MediaPrompt { MediaInfo = new Sdk.MediaInfo { Uri = "https://bot.example/a.wav", ResourceId = "a" } },
                new Sdk.MediaPrompt { MediaInfo = new Sdk.MediaInfo { Uri = "https://bot.example/b.wav" } },
            ],
            ClientContext = "ctx-play",
        };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.PlayPromptRequest);

        Assert.Equal(2, request.Prompts!.Count);
        Assert.Equal("https://bot.example/a.wav", request.Prompts[0]!.MediaInfo!.Uri);
        Assert.Equal("a", request.Prompts[0]!.MediaInfo!.ResourceId);
        Assert.Equal("https://bot.example/b.wav", request.Prompts[1]!.MediaInfo!.Uri);
        Assert.Null(request.Prompts[1]!.MediaInfo!.ResourceId);
        Assert.Equal("ctx-play", request.ClientContext);
        Assert.Empty(PlayPromptRequestValidator.Validate(request, Limits));
    }

    [Theory]
    [InlineData(Sdk.RejectReason.None, RejectReason.None)]
    [InlineData(Sdk.RejectReason.Busy, RejectReason.Busy)]
    [InlineData(Sdk.RejectReason.Forbidden, RejectReason.Forbidden)]
    public void Reject_SdkBody_ReasonAndCallbackArrive(Sdk.RejectReason sdkReason, RejectReason expected)
    {
        var body = new RejectPostRequestBody { Reason = sdkReason, CallbackUri = "https://bot.example/cb" };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.RejectRequest);

        Assert.Equal(expected, request.Reason);
        Assert.Equal("https://bot.example/cb", request.CallbackUri);
        Assert.Empty(RejectRequestValidator.Validate(request, Limits));
    }

    [Fact]
    public void CancelMediaProcessing_SdkBody_ClientContextArrives()
    {
        var body = new CancelMediaProcessingPostRequestBody { ClientContext = "ctx-cancel" };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.CancelMediaProcessingRequest);

        Assert.Equal("ctx-cancel", request.ClientContext);
    }

    [Fact]
    public void SubscribeToTone_SdkBody_ClientContextArrives()
    {
        var body = new SubscribeToTonePostRequestBody { ClientContext = "ctx-tone" };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.SubscribeToToneRequest);

        Assert.Equal("ctx-tone", request.ClientContext);
    }

    [Fact]
    public void CreateCall_SdkCall_EveryFieldArrives()
    {
        var body = new Sdk.Call
        {
            CallbackUri = "https://bot.example/cb",
            Targets =
            [
                new Sdk.InvitationParticipantInfo
                {
                    Identity = new Sdk.CommunicationsIdentitySet { Phone = new Sdk.Identity { Id = "+15550100" } },
                },
            ],
            Source = new Sdk.ParticipantInfo
            {
                Identity = new Sdk.CommunicationsIdentitySet
                {
                    ApplicationInstance = new Sdk.Identity { Id = "app-instance-1", DisplayName = "Hark bot" },
                },
                CountryCode = "us",
                EndpointType = Sdk.EndpointType.Default,
                LanguageId = "en-US",
                Region = "amer",
            },
            RequestedModalities = [Sdk.Modality.Audio],
            MediaConfig = new Sdk.ServiceHostedMediaConfig { PreFetchMedia = [new Sdk.MediaInfo { Uri = "https://bot.example/p.wav", ResourceId = "p" }] },
            TenantId = "tenant-1",
            Subject = "Outbound test",
            CallOptions = new Sdk.OutgoingCallOptions { HideBotAfterEscalation = true, IsContentSharingNotificationEnabled = true },
        };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.CreateCallRequest);

        Assert.Equal("https://bot.example/cb", request.CallbackUri);
        var target = Assert.Single(request.Targets!);
        Assert.Equal("+15550100", target!.Identity!.Phone!.Id);
        Assert.Equal("#microsoft.graph.communicationsIdentitySet", target.Identity.OdataType);
        Assert.Equal("app-instance-1", request.Source!.Identity!.ApplicationInstance!.Id);
        Assert.Equal("Hark bot", request.Source.Identity.ApplicationInstance.DisplayName);
        Assert.Equal("us", request.Source.CountryCode);
        Assert.Equal(EndpointType.Default, request.Source.EndpointType);
        Assert.Equal("en-US", request.Source.LanguageId);
        Assert.Equal("amer", request.Source.Region);
        Assert.Equal([Modality.Audio], request.RequestedModalities!);
        Assert.Equal("https://bot.example/p.wav", Assert.Single(request.MediaConfig!.PreFetchMedia!)!.Uri);
        Assert.Equal("tenant-1", request.TenantId);
        Assert.Equal("Outbound test", request.Subject);
        Assert.True(request.CallOptions!.HideBotAfterEscalation);
        Assert.True(request.CallOptions.IsContentSharingNotificationEnabled);
        Assert.Empty(CreateCallRequestValidator.Validate(request, Limits));
    }

    [Fact]
    public void CreateCall_PhoneInPlainIdentitySetAdditionalData_Arrives()
    {
        // The docs put phone straight into an identitySet; the SDK writes that through AdditionalData.
        var identity = new Sdk.IdentitySet { AdditionalData = new Dictionary<string, object> { ["phone"] = new Sdk.Identity { Id = "+15550199" } } };
        var body = new Sdk.Call
        {
            CallbackUri = "https://bot.example/cb",
            Targets = [new Sdk.InvitationParticipantInfo { Identity = identity }],
            RequestedModalities = [Sdk.Modality.Audio],
            MediaConfig = new Sdk.ServiceHostedMediaConfig(),
        };

        var request = Read(SdkJson.Write(body), GraphJsonContext.Default.CreateCallRequest);

        Assert.Equal("+15550199", request.Targets![0]!.Identity!.Phone!.Id);
        Assert.Empty(CreateCallRequestValidator.Validate(request, Limits));
    }
}
