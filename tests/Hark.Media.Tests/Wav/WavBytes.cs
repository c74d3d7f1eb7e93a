using System.Buffers.Binary;
using System.Text;

namespace Hark.Media.Tests.Wav;

/// <summary>Builds WAV files chunk by chunk, including malformed ones.</summary>
internal static class WavBytes
{
    public static byte[] Fmt(ushort tag, int channels, int sampleRate, int blockAlign, int bits)
    {
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        return fmt;
    }

    /// <summary>The same format wrapped in WAVE_FORMAT_EXTENSIBLE (sub-format GUID built from the tag).</summary>
    public static byte[] Extensible(byte[] plainFmt)
    {
        var fmt = new byte[40];
        plainFmt.AsSpan(0, 16).CopyTo(fmt);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        fmt[18] = plainFmt[14]; // valid bits = container bits
        plainFmt.AsSpan(0, 2).CopyTo(fmt.AsSpan(24));
        byte[] suffix = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        suffix.CopyTo(fmt, 26);
        return fmt;
    }

    /// <summary>A chunk: id, size (the body length unless overridden), body, pad byte when the body is odd.</summary>
    public static byte[] Chunk(string id, byte[] body, uint? declaredSize = null)
    {
        var chunk = new byte[8 + body.Length + (body.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), declaredSize ?? (uint)body.Length);
        body.CopyTo(chunk, 8);
        return chunk;
    }

    public static byte[] Riff(params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        return [.. "RIFF"u8, .. BitConverter.GetBytes((uint)(4 + body.Length)), .. "WAVE"u8, .. body];
    }

    public static byte[] Int16Le(params short[] samples)
    {
        var bytes = new byte[2 * samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return bytes;
    }

    /// <summary>Splits a canonical sox file into its fmt body and data body.</summary>
    public static (byte[] Fmt, byte[] Data) Split(byte[] wav)
    {
        byte[]? fmt = null;
        byte[]? data = null;
        var pos = 12;
        while (pos + 8 <= wav.Length)
        {
            var id = Encoding.ASCII.GetString(wav, pos, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(pos + 4));
            var body = wav.AsSpan(pos + 8, size).ToArray();
            if (id == "fmt ")
            {
                fmt = body;
            }
            else if (id == "data")
            {
                data = body;
            }

            pos += 8 + size + (size & 1);
        }

        return (fmt ?? throw new InvalidOperationException("no fmt"), data ?? throw new InvalidOperationException("no data"));
    }
}
