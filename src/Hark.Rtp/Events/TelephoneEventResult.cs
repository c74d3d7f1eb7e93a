using Hark.Media.Dtmf;

namespace Hark.Rtp.Events;

/// <summary>A key transition decided by <see cref="TelephoneEventReceiver"/>.</summary>
/// <param name="Kind">Key down, key up, or none.</param>
/// <param name="Key">The key concerned (meaningless when <paramref name="Kind"/> is None).</param>
/// <param name="StartTimestamp">RTP timestamp at which the event started (its first segment seen).</param>
/// <param name="DurationTimestampUnits">For KeyDown, the duration known so far; for KeyUp, the
/// total duration across all segments, in RTP timestamp units.</param>
public readonly record struct TelephoneEventResult(
    TelephoneEventResultKind Kind,
    DtmfKey Key,
    uint StartTimestamp,
    uint DurationTimestampUnits);
