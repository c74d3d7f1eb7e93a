using Hark.Calls.Media;
using Hark.Graph.Contracts;

namespace Hark.Graph.Tests.Contracts;

public sealed class CompletionReasonNamesTests
{
    [Theory]
    [InlineData(MediaCompletionReason.CompletedSuccessfully, "completedSuccessfully")]
    [InlineData(MediaCompletionReason.OperationCanceled, "operationCanceled")]
    [InlineData(MediaCompletionReason.MaxSilenceTimeout, "maxSilenceTimeout")]
    [InlineData(MediaCompletionReason.InitialSilenceTimeout, "initialSilenceTimeout")]
    [InlineData(MediaCompletionReason.PlayPromptFailed, "playPromptFailed")]
    [InlineData(MediaCompletionReason.PlayBeepFailed, "playBeepFailed")]
    [InlineData(MediaCompletionReason.MediaReceiveTimeout, "mediaReceiveTimeout")]
    [InlineData(MediaCompletionReason.StopToneDetected, "stopToneDetected")]
    [InlineData(MediaCompletionReason.MaxRecordDurationReached, "maxRecordDurationReached")]
    [InlineData(MediaCompletionReason.CallerHungUp, "callerHungUp")]
    [InlineData(MediaCompletionReason.UnspecifiedError, "unspecifiedError")]
    public void For_RecordReason_GraphName(MediaCompletionReason reason, string name) =>
        Assert.Equal(name, CompletionReasonNames.For(reason, MediaOperationKind.Record));

    [Fact]
    public void For_CancelledPlayPrompt_UsesPlayPromptEnumName() =>
        Assert.Equal("mediaOperationCanceled", CompletionReasonNames.For(MediaCompletionReason.OperationCanceled, MediaOperationKind.PlayPrompt));

    [Fact]
    public void For_UndefinedReason_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CompletionReasonNames.For((MediaCompletionReason)999, MediaOperationKind.Record));
}
