namespace Hark.Sip.Messages;

/// <summary>The CSeq header: sequence number (32-bit, RFC 3261 §8.1.1.5) and method.</summary>
public readonly record struct SipCSeq(uint Number, string Method)
{
    public override string ToString() => $"{Number} {Method}";
}
