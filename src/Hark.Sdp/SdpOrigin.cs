namespace Hark.Sdp;

/// <summary>The o= line.</summary>
/// <param name="Username">The originator's user name ("-" when none).</param>
/// <param name="SessionId">Numeric session id, kept as text so any length round-trips.</param>
/// <param name="SessionVersion">Numeric version, kept as text; see <see cref="WithNextVersion"/>.</param>
/// <param name="NetworkType">Always "IN" in practice.</param>
/// <param name="AddressType">"IP4" or "IP6".</param>
/// <param name="Address">The originator's address.</param>
public sealed record SdpOrigin(
    string Username,
    string SessionId,
    string SessionVersion,
    string NetworkType,
    string AddressType,
    string Address)
{
    /// <summary>The same origin with the version incremented by one (decimal arithmetic on the text).</summary>
    public SdpOrigin WithNextVersion() => this with { SessionVersion = IncrementDecimal(SessionVersion) };

    /// <inheritdoc/>
    public override string ToString() =>
        $"o={Username} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";

    // Versions may exceed 64 bits (some stacks use NTP timestamps), so the increment works on the digits.
    internal static string IncrementDecimal(string value)
    {
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            return "1";
        }

        var digits = value.ToCharArray();
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (digits[i] != '9')
            {
                digits[i]++;
                return new string(digits);
            }

            digits[i] = '0';
        }

        return "1" + new string(digits);
    }
}
