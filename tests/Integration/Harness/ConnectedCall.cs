namespace Hark.Integration.Harness;

/// <summary>A virtual caller's call as the bot sees it: the simulator's ids and the call's notifications.</summary>
public sealed record ConnectedCall(string SimulatorId, string CallId, CallInbox Inbox, ReceivedNotification Incoming);
