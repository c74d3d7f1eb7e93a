using System.Security.Cryptography;
using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>Identifiers from a cryptographic random source, so tags and Call-IDs cannot be guessed.</summary>
public sealed class SipIdGenerator : ISipIdGenerator
{
    public static SipIdGenerator Shared { get; } = new();

    public string NewTag() => Hex(8);

    public string NewBranch() => SipVia.MagicCookie + Hex(12);

    public string NewCallId() => Hex(16);

    public string NewCnonce() => Hex(8);

    private static string Hex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
