using Hark.Integration.Harness;
using Microsoft.Graph.Models;

namespace Hark.Integration.Scenarios;

/// <summary>A finished record operation: the call, the 200 response and the completion notification.</summary>
public sealed record RecordResult(ConnectedCall Call, RecordOperation Started, ReceivedNotification Completion)
{
    /// <summary>The completion's resourceData as the SDK model.</summary>
    public RecordOperation Completed => Assert.IsType<RecordOperation>(Completion.ToOperation());
}
