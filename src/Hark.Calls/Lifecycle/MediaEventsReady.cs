namespace Hark.Calls.Lifecycle;

/// <summary>
/// The media engine has decisions waiting: the loop reads them out under the media lock and notifies them. One
/// instance per call, posted at most once until the loop has taken it, so frames never put items in the inbox.
/// </summary>
internal sealed record MediaEventsReady : CallEvent;
