namespace Hark.Graph.Auth;

/// <summary>RFC 4648 §5 base64url without padding, written out so decoding can be strict.</summary>
internal static class Base64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 4 + 2) / 3];
        var c = 0;
        var i = 0;
        for (; i + 3 <= data.Length; i += 3)
        {
            var block = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            chars[c++] = Alphabet[(block >> 18) & 63];
            chars[c++] = Alphabet[(block >> 12) & 63];
            chars[c++] = Alphabet[(block >> 6) & 63];
            chars[c++] = Alphabet[block & 63];
        }

        var rest = data.Length - i;
        if (rest == 1)
        {
            var block = data[i] << 16;
            chars[c++] = Alphabet[(block >> 18) & 63];
            chars[c++] = Alphabet[(block >> 12) & 63];
        }
        else if (rest == 2)
        {
            var block = (data[i] << 16) | (data[i + 1] << 8);
            chars[c++] = Alphabet[(block >> 18) & 63];
            chars[c++] = Alphabet[(block >> 12) & 63];
            chars[c++] = Alphabet[(block >> 6) & 63];
        }

        return new string(chars, 0, c);
    }

    /// <summary>
    /// Decodes unpadded base64url. Rejects padding, other alphabets, impossible lengths and
    /// non-zero leftover bits, so every byte string has exactly one accepted spelling.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] data)
    {
        data = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        var output = new byte[text.Length * 3 / 4];
        var o = 0;
        var buffer = 0;
        var bits = 0;
        foreach (var ch in text)
        {
            var value = Value(ch);
            if (value < 0)
            {
                return false;
            }

            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[o++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        if (buffer != 0)
        {
            return false;
        }

        data = output;
        return true;
    }

    private static int Value(char ch) => ch switch
    {
        >= 'A' and <= 'Z' => ch - 'A',
        >= 'a' and <= 'z' => ch - 'a' + 26,
        >= '0' and <= '9' => ch - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
