using System.Buffers.Binary;

namespace Hark.Media.Wav;

/// <summary>The parts of a WAV fmt chunk the reader needs, validated.</summary>
internal readonly record struct WavFormat(WavEncoding Encoding, int Channels, int SampleRate, int BlockAlign)
{
    private const ushort TagPcm = 0x0001;
    private const ushort TagFloat = 0x0003;
    private const ushort TagALaw = 0x0006;
    private const ushort TagMuLaw = 0x0007;
    private const ushort TagExtensible = 0xFFFE;

    // KSDATAFORMAT_SUBTYPE_* GUIDs are the format tag followed by these 14 bytes.
    private static ReadOnlySpan<byte> SubFormatSuffix =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Parses the body of a fmt chunk.</summary>
    /// <exception cref="WavFormatException">The format is malformed or not supported.</exception>
    public static WavFormat Parse(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 16)
        {
            throw new WavFormatException($"fmt chunk is {fmt.Length} bytes; at least 16 are needed.");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        if (tag == TagExtensible)
        {
            tag = ParseExtensible(fmt);
        }

        if (channels == 0)
        {
            throw new WavFormatException("fmt chunk declares zero channels.");
        }

        if (sampleRate is 0 or > int.MaxValue)
        {
            throw new WavFormatException($"fmt chunk declares an invalid sample rate ({sampleRate} Hz).");
        }

        var (encoding, bytesPerSample) = tag switch
        {
            TagPcm => PcmEncoding(bits),
            TagFloat => bits switch
            {
                32 => (WavEncoding.Float32, 4),
                64 => (WavEncoding.Float64, 8),
                _ => throw new WavFormatException($"IEEE float with {bits} bits per sample is not supported (32 or 64)."),
            },
            TagMuLaw or TagALaw => bits == 8
                ? (tag == TagMuLaw ? WavEncoding.MuLaw : WavEncoding.ALaw, 1)
                : throw new WavFormatException($"G.711 with {bits} bits per sample is not supported (8)."),
            _ => throw new WavFormatException($"Unsupported WAV format tag 0x{tag:X4}{TagName(tag)}; PCM, IEEE float, mu-law and A-law are supported."),
        };

        if (blockAlign != channels * bytesPerSample)
        {
            throw new WavFormatException(
                $"Bad block align {blockAlign}: {channels} channel(s) of {bytesPerSample}-byte samples need {channels * bytesPerSample}.");
        }

        return new WavFormat(encoding, channels, (int)sampleRate, blockAlign);
    }

    private static ushort ParseExtensible(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 40)
        {
            throw new WavFormatException($"WAVE_FORMAT_EXTENSIBLE fmt chunk is {fmt.Length} bytes; 40 are needed.");
        }

        var extraSize = BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]);
        if (extraSize < 22)
        {
            throw new WavFormatException($"WAVE_FORMAT_EXTENSIBLE extension is {extraSize} bytes; 22 are needed.");
        }

        var subFormat = fmt.Slice(24, 16);
        if (!subFormat[2..].SequenceEqual(SubFormatSuffix))
        {
            throw new WavFormatException($"Unsupported WAVE_FORMAT_EXTENSIBLE sub-format {new Guid(subFormat)}.");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
        return tag == TagExtensible
            ? throw new WavFormatException("WAVE_FORMAT_EXTENSIBLE sub-format is itself WAVE_FORMAT_EXTENSIBLE.")
            : tag;
    }

    // The container is whole bytes; fewer valid bits sit in its top bits, so decoding by container size is right.
    private static (WavEncoding Encoding, int Bytes) PcmEncoding(int bits) => ((bits + 7) / 8) switch
    {
        1 when bits > 0 => (WavEncoding.UnsignedPcm8, 1),
        2 => (WavEncoding.Pcm16, 2),
        3 => (WavEncoding.Pcm24, 3),
        4 => (WavEncoding.Pcm32, 4),
        _ => throw new WavFormatException($"PCM with {bits} bits per sample is not supported (1 to 32)."),
    };

    private static string TagName(ushort tag) => tag switch
    {
        0x0002 => " (MS ADPCM)",
        0x0011 => " (IMA ADPCM)",
        0x0031 => " (GSM 6.10)",
        0x0050 => " (MPEG)",
        0x0055 => " (MP3)",
        _ => string.Empty,
    };
}
