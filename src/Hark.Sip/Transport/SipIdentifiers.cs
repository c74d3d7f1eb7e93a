using System.Security.Cryptography;

namespace Hark.Sip.Transport;

/// <summary>Random branch ids and tags (RFC 3261 §8.1.1.7, §19.3): unguessable and unique across restarts.</summary>
public static class SipIdentifiers
{
    /// <summary>A Via branch with the RFC 3261 magic cookie.</summary>
    public static string NewBranch() => Messages.SipVia.MagicCookie + Random(8);

    /// <summary>A From/To tag.</summary>
    public static string NewTag() => Random(6);

    private static string Random(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
