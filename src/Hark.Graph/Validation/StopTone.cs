namespace Hark.Graph.Validation;

/// <summary>
/// Reads one <c>stopTones</c> entry. Graph's examples use key characters (<c>"#"</c>, <c>"1"</c>); Hark
/// also takes the tone enum names (<c>tone1</c>, <c>pound</c>, <c>star</c>, <c>a</c>–<c>d</c>) that
/// sendDtmfTones uses, since bots mix the two up and the meaning is unambiguous. Case is ignored.
/// </summary>
public static class StopTone
{
    /// <summary>Shown in error messages.</summary>
    public const string Allowed = "0-9, *, #, A-D (or tone0-tone9, star, pound)";

    /// <summary>Maps a stop tone to its key character: '0'-'9', '*', '#', 'A'-'D'.</summary>
    public static bool TryParse(string? value, out char key)
    {
        key = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.Length == 1)
        {
            var c = char.ToUpperInvariant(value[0]);
            if (char.IsAsciiDigit(c) || c is '*' or '#' or (>= 'A' and <= 'D'))
            {
                key = c;
                return true;
            }

            return false;
        }

        if (value.Length == 5 && value.StartsWith("tone", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(value[4]))
        {
            key = value[4];
            return true;
        }

        if (value.Equals("star", StringComparison.OrdinalIgnoreCase))
        {
            key = '*';
            return true;
        }

        if (value.Equals("pound", StringComparison.OrdinalIgnoreCase))
        {
            key = '#';
            return true;
        }

        return false;
    }
}
