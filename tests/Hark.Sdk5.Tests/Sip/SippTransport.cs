namespace Hark.Sdk5.Tests.Sip;

/// <summary>SIPp's -t: one socket for all calls.</summary>
internal enum SippTransport
{
    /// <summary>-t u1.</summary>
    Udp,

    /// <summary>-t t1.</summary>
    Tcp,
}
