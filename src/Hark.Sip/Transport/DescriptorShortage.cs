namespace Hark.Sip.Transport;

/// <summary>Why a connection was refused: descriptors in use (at least; -1 when they could not be counted), the limit, how many are kept free.</summary>
internal readonly record struct DescriptorShortage(long InUse, long Limit, long Kept);
