using Hark.Calls.Media;

namespace Hark.Calls.Tests.Media;

public sealed class MediaResultCodesTests
{
    [Theory]
    [InlineData(MediaCompletionReason.CompletedSuccessfully, MediaOperationStatus.Completed, 200, 0, "completedSuccessfully")]
    [InlineData(MediaCompletionReason.OperationCanceled, MediaOperationStatus.Failed, 400, 8508, "operationCanceled")]
    [InlineData(MediaCompletionReason.MaxSilenceTimeout, MediaOperationStatus.Completed, 200, 8509, "maxSilenceTimeout")]
    [InlineData(MediaCompletionReason.InitialSilenceTimeout, MediaOperationStatus.Failed, 400, 8510, "initialSilenceTimeout")]
    [InlineData(MediaCompletionReason.PlayPromptFailed, MediaOperationStatus.Failed, 400, 8511, "playPromptFailed")]
    [InlineData(MediaCompletionReason.PlayBeepFailed, MediaOperationStatus.Failed, 400, 8512, "playBeepFailed")]
    [InlineData(MediaCompletionReason.MediaReceiveTimeout, MediaOperationStatus.Failed, 400, 8513, "mediaReceiveTimeout")]
    [InlineData(MediaCompletionReason.StopToneDetected, MediaOperationStatus.Completed, 200, 8514, "stopToneDetected")]
    [InlineData(MediaCompletionReason.MaxRecordDurationReached, MediaOperationStatus.Completed, 200, 8515, "maxRecordDurationReached")]
    [InlineData(MediaCompletionReason.CallerHungUp, MediaOperationStatus.Completed, 200, 8516, "callerHungUp")]
    [InlineData(MediaCompletionReason.UnspecifiedError, MediaOperationStatus.Failed, 500, 0, "unspecifiedError")]
    public void For_EachReason_GraphStatusCodeSubcodeAndName(
        MediaCompletionReason reason, MediaOperationStatus status, int code, int subcode, string name)
    {
        Assert.Equal(new MediaResultInfo(status, code, subcode), MediaResultCodes.For(reason));
        Assert.Equal(name, MediaResultCodes.GraphName(reason, MediaOperationKind.Record));
    }

    [Fact]
    public void GraphName_CancelledPlayPrompt_UsesPlayPromptEnumName() =>
        Assert.Equal("mediaOperationCanceled", MediaResultCodes.GraphName(MediaCompletionReason.OperationCanceled, MediaOperationKind.PlayPrompt));
}
