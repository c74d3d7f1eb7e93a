using Hark.Calls.Media;

namespace Hark.Calls.Tests.Media;

public sealed class MediaResultCodesTests
{
    [Theory]
    [InlineData(MediaCompletionReason.CompletedSuccessfully, MediaOperationStatus.Completed, 200, 0)]
    [InlineData(MediaCompletionReason.OperationCanceled, MediaOperationStatus.Failed, 400, 8508)]
    [InlineData(MediaCompletionReason.MaxSilenceTimeout, MediaOperationStatus.Completed, 200, 8509)]
    [InlineData(MediaCompletionReason.InitialSilenceTimeout, MediaOperationStatus.Failed, 400, 8510)]
    [InlineData(MediaCompletionReason.PlayPromptFailed, MediaOperationStatus.Failed, 400, 8511)]
    [InlineData(MediaCompletionReason.PlayBeepFailed, MediaOperationStatus.Failed, 400, 8512)]
    [InlineData(MediaCompletionReason.MediaReceiveTimeout, MediaOperationStatus.Completed, 200, 8513)]
    [InlineData(MediaCompletionReason.StopToneDetected, MediaOperationStatus.Completed, 200, 8514)]
    [InlineData(MediaCompletionReason.MaxRecordDurationReached, MediaOperationStatus.Completed, 200, 8515)]
    [InlineData(MediaCompletionReason.CallerHungUp, MediaOperationStatus.Completed, 200, 8516)]
    [InlineData(MediaCompletionReason.UnspecifiedError, MediaOperationStatus.Failed, 500, 0)]
    public void For_EachReason_GraphStatusCodeAndSubcode(
        MediaCompletionReason reason, MediaOperationStatus status, int code, int subcode)
    {
        Assert.Equal(new MediaResultInfo(status, code, subcode), MediaResultCodes.For(reason));    }
}
