namespace Hark.Calls.Simulation;

/// <summary>How the virtual caller sends a key.</summary>
public enum DtmfMode
{
    /// <summary>Out of band, as an RFC 4733 telephone event; the audio stays silent.</summary>
    Rfc4733 = 0,

    /// <summary>As the two DTMF sines mixed into the audio.</summary>
    Inband = 1,
}
