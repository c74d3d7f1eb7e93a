namespace Hark.Sip.Transport;

/// <summary>The process's file descriptors as the TCP listener needs to know them (tests give a fake).</summary>
internal interface IDescriptorTable
{
    /// <summary>The soft descriptor limit now (it can be lowered while Hark runs); null when there is none or it cannot be known.</summary>
    long? SoftLimit();

    /// <summary>Descriptors open now, looking no further than <paramref name="limit"/>; null when they could not be counted.</summary>
    long? CountOpen(long limit);
}
