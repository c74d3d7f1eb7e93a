namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// The scenarios against each other on loopback, before Hark serves SIP: each file parses, each
/// dialog runs to its end on both sides, and the runner reads the outcome back.
/// </summary>
public sealed class SippSelfTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string> RecordScenarios => new()
    {
        "uac-record.xml", "uac-record-pcma.xml", "uac-record-ptime30.xml", "uac-record-pcma-ptime30.xml",
    };

    [Theory]
    [MemberData(nameof(RecordScenarios))]
    public async Task RunAsync_RecordCallerAgainstCalleeThatHangsUp_BothSidesCountOneSuccessfulCall(string scenario)
    {
        var (caller, callee) = await RunPairAsync(SippScenarios.UasAnswerHangsUp, Path.Combine(SippScenarios.Directory, scenario));

        AssertCalls(caller, successful: 1);
        AssertCalls(callee, successful: 1);
    }

    [Fact]
    public async Task RunAsync_CallerHangsUpMidRecording_CalleeAnswersItsBye()
    {
        var (caller, callee) = await RunPairAsync(SippScenarios.UasAnswer, SippScenarios.UacRecordCallerHangsUp);

        AssertCalls(caller, successful: 1);
        AssertCalls(callee, successful: 1);
    }

    [Fact]
    public async Task RunAsync_CallerWaitsForTheCalleesBye_BothSucceed()
    {
        var (caller, callee) = await RunPairAsync(SippScenarios.UasAnswerHangsUp, SippScenarios.UacHarkHangsUp);

        AssertCalls(caller, successful: 1);
        AssertCalls(callee, successful: 1);
    }

    [Fact]
    public async Task RunAsync_CancelAgainstCalleeThatNeverAnswers_CancelAnd487Complete()
    {
        var (caller, callee) = await RunPairAsync(SippScenarios.UasNoAnswer, SippScenarios.UacCancel);

        AssertCalls(caller, successful: 1);
        AssertCalls(callee, successful: 1);
    }

    [Fact]
    public async Task RunAsync_RejectedCallerAgainstBusyCallee_486IsAcked()
    {
        var (caller, callee) = await RunPairAsync(SippScenarios.UasBusy, SippScenarios.UacRejected);

        AssertCalls(caller, successful: 1);
        AssertCalls(callee, successful: 1);
    }

    [Fact]
    public async Task RunAsync_AnsweringCalleeAgainstSippsBuiltInCaller_AnswersAndTakesTheBye()
    {
        var (caller, callee) = await RunPairAsync(SippScenarios.UasAnswer, callerScenario: null);

        AssertCalls(caller, successful: 1);
        AssertCalls(callee, successful: 1);
    }

    [Fact]
    public async Task RunAsync_FiftyConcurrentRecordCalls_AllSucceed()
    {
        const int calls = 50;
        var (caller, callee) = await RunPairAsync(SippScenarios.UasAnswerHangsUp, SippScenarios.UacConcurrent, calls);

        AssertCalls(caller, successful: calls);
        AssertCalls(callee, successful: calls);
    }

    [Fact]
    public async Task RunAsync_CallerExpectingRejectionIsAnswered_ReportsTheFailedCallAndTheUnexpectedMessage()
    {
        await using var callee = Sipp.Start(new SippOptions
        {
            BuiltIn = "uas",
            Timeout = RunTimeout,
            ReceiveTimeout = TimeSpan.FromSeconds(1),
        });
        await callee.WaitUntilListeningAsync(CancellationToken.None);

        var caller = await Sipp.RunAsync(
            new SippOptions { Scenario = SippScenarios.UacRejected, Remote = callee.Address, Timeout = RunTimeout },
            CancellationToken.None);

        Assert.Equal(1, caller.ExitCode);
        Assert.False(caller.AllCallsSucceeded);
        Assert.Equal(1, caller.Statistics?.FailedCalls);
        Assert.Equal(1, caller.Statistics?.FailedUnexpectedMessage);
        Assert.Contains("SIP/2.0 200 OK", caller.ErrorLog, StringComparison.Ordinal);
        Assert.True(Directory.Exists(caller.WorkingDirectory), "a failed run keeps its logs");
        Assert.Contains(caller.WorkingDirectory, caller.Describe(), StringComparison.Ordinal);
        Directory.Delete(caller.WorkingDirectory, recursive: true);
    }

    [Fact]
    public void FindExecutable_NotOnPath_SaysToInstallSipTester()
    {
        var empty = Directory.CreateTempSubdirectory("hark-nosipp-").FullName;
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => Sipp.FindExecutable(empty));

            Assert.Contains("install the Debian package sip-tester", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void Parse_TraceStatFile_ReadsTheCumulativeCountersOfTheLastLine()
    {
        const string csv =
            "StartTime;TotalCallCreated;SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);FailedCall(C);Retransmissions(C)\n" +
            "t0;0;0;0;0;0;0\n" +
            "t1;5;1;4;1;1;3\n";

        var stats = SippStatistics.Parse(csv);

        Assert.NotNull(stats);
        Assert.Equal(5, stats.TotalCalls);
        Assert.Equal(4, stats.SuccessfulCalls);
        Assert.Equal(1, stats.FailedCalls);
        Assert.Equal(3, stats.Retransmissions);
        Assert.Equal(0, stats.FailedTimeoutOnReceive);
    }

    // Starts the callee, waits until it listens, runs the caller to the end, then waits for the callee.
    private static async Task<(SippResult Caller, SippResult Callee)> RunPairAsync(string calleeScenario, string? callerScenario, int calls = 1)
    {
        await using var callee = Sipp.Start(new SippOptions { Scenario = calleeScenario, Calls = calls, Timeout = RunTimeout });
        await callee.WaitUntilListeningAsync(CancellationToken.None);
        var caller = await Sipp.RunAsync(
            new SippOptions
            {
                Scenario = callerScenario,
                BuiltIn = callerScenario is null ? "uac" : null,
                Remote = callee.Address,
                Calls = calls,
                Limit = calls,
                Rate = calls,
                Timeout = RunTimeout,
            },
            CancellationToken.None);
        return (caller, await callee.WaitForExitAsync(CancellationToken.None));
    }

    private static void AssertCalls(SippResult result, int successful)
    {
        Assert.True(result.AllCallsSucceeded, result.Describe());
        Assert.Equal(successful, result.Statistics?.SuccessfulCalls);
        Assert.Equal(0, result.Statistics?.FailedCalls);
    }
}
