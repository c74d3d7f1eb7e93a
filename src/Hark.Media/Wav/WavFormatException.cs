namespace Hark.Media.Wav;

/// <summary>The bytes are not a WAV file this reader can decode; the message says what is wrong.</summary>
public sealed class WavFormatException : Exception
{
    public WavFormatException()
        : base("Invalid WAV file.")
    {
    }

    public WavFormatException(string message)
        : base(message)
    {
    }

    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
