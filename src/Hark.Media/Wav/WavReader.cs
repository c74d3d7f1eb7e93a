using System.Buffers.Binary;

namespace Hark.Media.Wav;

/// <summary>
/// Reads RIFF/WAVE files (PCM 8/16/24/32-bit, IEEE float 32/64, mu-law, A-law, also inside
/// WAVE_FORMAT_EXTENSIBLE) into mono PCM16. Tolerates unknown chunks, truncated files and streamed
/// (unknown-length) data chunks; anything else that is wrong throws <see cref="WavFormatException"/>.
/// </summary>
public static class WavReader
{
    /// <summary>Decodes a whole WAV file held in memory.</summary>
    /// <exception cref="WavFormatException">The bytes are not a supported WAV file.</exception>
    public static WavAudio Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12)
        {
            throw new WavFormatException($"File is {file.Length} bytes; too short for a RIFF header.");
        }

        if (!file[..4].SequenceEqual("RIFF"u8))
        {
            throw new WavFormatException(file[..4].SequenceEqual("RF64"u8)
                ? "RF64 (64-bit RIFF) files are not supported."
                : "Not a RIFF file: it does not start with 'RIFF'.");
        }

        if (!file[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("RIFF file is not WAVE: form type is not 'WAVE'.");
        }

        WavFormat? format = null;
        var dataStart = -1;
        var dataLength = 0;

        // The RIFF size is ignored: writers that crash or stream get it wrong, and the file length is the truth.
        long pos = 12;
        while (pos + 8 <= file.Length)
        {
            var id = file.Slice((int)pos, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(file[((int)pos + 4)..]);
            var body = (int)pos + 8;
            var remaining = file.Length - body;

            if (id.SequenceEqual("data"u8))
            {
                dataStart = body;
                dataLength = DataLength(size, file[body..]);
                if (format is not null)
                {
                    break;
                }

                // fmt after data is legal; keep looking for it.
                pos = body + (long)dataLength + (dataLength & 1);
                continue;
            }

            if (size > remaining)
            {
                if (id.SequenceEqual("fmt "u8))
                {
                    throw new WavFormatException($"fmt chunk claims {size} bytes but only {remaining} remain.");
                }

                break;
            }

            if (id.SequenceEqual("fmt "u8) && format is null)
            {
                format = WavFormat.Parse(file.Slice(body, (int)size));
            }

            pos = body + size + (size & 1);
        }

        if (format is not { } fmt)
        {
            throw new WavFormatException("No fmt chunk found.");
        }

        if (dataStart < 0)
        {
            throw new WavFormatException("No data chunk found.");
        }

        return new WavAudio(fmt.SampleRate, WavSampleDecoder.Decode(file.Slice(dataStart, dataLength), fmt))
        {
            SourceEncoding = fmt.Encoding switch
            {
                WavEncoding.UnsignedPcm8 => "pcm8",
                WavEncoding.Pcm16 => "pcm16",
                WavEncoding.Pcm24 => "pcm24",
                WavEncoding.Pcm32 => "pcm32",
                WavEncoding.Float32 => "float32",
                WavEncoding.Float64 => "float64",
                WavEncoding.MuLaw => "mulaw",
                _ => "alaw",
            },
            SourceChannels = fmt.Channels,
        };
    }

    /// <summary>Reads the stream to its end and decodes it.</summary>
    /// <exception cref="WavFormatException">The bytes are not a supported WAV file.</exception>
    public static WavAudio Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > Array.MaxLength)
        {
            throw new WavFormatException("WAV file is larger than 2 GB.");
        }

        using var copy = stream.CanSeek ? new MemoryStream((int)Math.Max(0, stream.Length - stream.Position)) : new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    // 0 and 0xFFFFFFFF mean "unknown, streamed": the data runs to the end of the file. A size past the end
    // means a truncated file: take what is there.
    private static int DataLength(long declared, ReadOnlySpan<byte> rest)
    {
        if (declared == 0 && (rest.IsEmpty || IsChunkList(rest)))
        {
            return 0;
        }

        return declared is 0 or uint.MaxValue || declared > rest.Length ? rest.Length : (int)declared;
    }

    // True when the bytes after an empty data chunk are well-formed chunks ending at the end of the
    // file: a genuinely empty recording followed by LIST/INFO, rather than streamed audio.
    private static bool IsChunkList(ReadOnlySpan<byte> rest)
    {
        while (rest.Length >= 8)
        {
            foreach (var b in rest[..4])
            {
                if (b is < 0x20 or > 0x7E)
                {
                    return false;
                }
            }

            long size = BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
            var next = 8 + size + (size & 1);
            if (8 + size > rest.Length)
            {
                return false;
            }

            rest = rest[(int)Math.Min(next, rest.Length)..];
        }

        return rest.IsEmpty;
    }
}
