using Hark.Calls.Media;
using Hark.Media.Wav;

namespace Hark.Calls.Tests.Media;

/// <summary>Recordings kept in memory; streams are pre-sized so writing them allocates nothing.</summary>
internal sealed class MemoryRecordingSink : IRecordingSink
{
    private readonly Dictionary<string, MemoryStream> _streams = [];

    public List<string> Opened { get; } = [];

    public List<RecordingInfo> CompletedRecordings { get; } = [];

    public List<string> DiscardedIds { get; } = [];

    public Stream Open(string operationId)
    {
        var stream = new MemoryStream(4 << 20);
        _streams.Add(operationId, stream);
        Opened.Add(operationId);
        return stream;
    }

    public void Completed(RecordingInfo recording) => CompletedRecordings.Add(recording);

    public void Discarded(string operationId) => DiscardedIds.Add(operationId);

    /// <summary>The WAV written for the operation, read back with the media core's reader.</summary>
    public WavAudio Read(string operationId) => WavReader.Read(_streams[operationId].ToArray());
}
