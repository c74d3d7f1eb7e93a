using System.ComponentModel.DataAnnotations;

namespace Hark.Graph.Calls;

/// <summary>How recordings are made, bound from <c>Hark:Recordings</c> (retention lives in the storage options).</summary>
public sealed class RecordingMediaOptions
{
    public const string SectionName = "Hark:Recordings";

    /// <summary>WAV sample rate: 16000 (default, what Graph's samples expect) or 8000.</summary>
    [AllowedValues(8000, 16000)]
    public int SampleRate { get; set; } = 16000;
}
