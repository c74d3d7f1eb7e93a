using Hark.Media.Dtmf;

namespace Hark.Calls.Media;

/// <summary>An out-of-band sendDtmfTones key starts now: the transport sends it as RFC 4733 events lasting <paramref name="Duration"/>.</summary>
/// <param name="OperationId">The sendDtmfTones operation.</param>
/// <param name="Key">The key.</param>
/// <param name="Duration">How long the key is held.</param>
public sealed record DtmfToneStartedEvent(string OperationId, DtmfKey Key, TimeSpan Duration) : MediaEvent;
