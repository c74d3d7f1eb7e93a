namespace Hark.Sdk5.Tests.Sip;

/// <summary>
/// The tests whose real SIP peers send live RTP into a recording run one after another (beside the other
/// tests, not among each other): on a 2-core machine several at once starve the receive loops, and the jitter
/// buffer then conceals gaps of 60-300 ms into the recordings they check.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealTimeSipCollection
{
    public const string Name = "RealTimeSip";
}
