using Hark.Calls.Media;

namespace Hark.Calls.Lifecycle;

/// <summary>A media command (playPrompt, record, cancel, subscribeToTone, prompt loaded) with the caller's reply.</summary>
internal sealed record MediaCommandEvent(Action<CallMediaProcessor> Command, TaskCompletionSource<CallCommandError> Reply)
    : CallEvent;
