namespace Hark.Sdk5.Tests.Sip;

/// <summary>One UDP payload from a capture file.</summary>
/// <param name="At">Capture time, from the first packet.</param>
/// <param name="DestinationPort">The UDP destination port (SIPp plays packets by it).</param>
/// <param name="Payload">The UDP payload (the RTP packet).</param>
internal sealed record CapturedDatagram(TimeSpan At, int DestinationPort, byte[] Payload);
