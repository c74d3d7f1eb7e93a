using Hark.Media.Dtmf;

namespace Hark.Calls.Media;

/// <summary>A DTMF key press, reported once <see cref="CallMediaProcessor.SubscribeToTones"/> was called.</summary>
/// <param name="SequenceId">1 for the first reported press of the call, then increasing by one.</param>
/// <param name="Key">The key.</param>
/// <param name="OnsetSample">Where the tone began, in seam samples since the call's first frame.</param>
public sealed record ToneReceivedEvent(long SequenceId, DtmfKey Key, long OnsetSample) : MediaEvent;
