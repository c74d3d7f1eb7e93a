using Hark.Media.Recording;

namespace Hark.Calls.Media;

/// <summary>One queued playPrompt or record and its progress. Positions are seam samples since the call began.</summary>
internal sealed class MediaOperation
{
    public MediaOperation(string id, MediaOperationKind kind, int promptCount, RecordRequest? record, int stopToneMask)
    {
        Id = id;
        Kind = kind;
        Prompts = new short[]?[promptCount];
        PromptPlays = new int[promptCount];
        Failures = new string?[promptCount];
        Record = record;
        StopToneMask = stopToneMask;
    }

    public string Id { get; }

    public MediaOperationKind Kind { get; }

    /// <summary>Prompt audio at the seam rate; null until loaded.</summary>
    public short[]?[] Prompts { get; }

    /// <summary>How many times each prompt plays in a row (a prompt's <c>loop</c>); set when it is loaded.</summary>
    public int[] PromptPlays { get; }

    /// <summary>Why a prompt failed to load; null while it has not failed.</summary>
    public string?[] Failures { get; }

    public RecordRequest? Record { get; }

    /// <summary>Bit <c>1 &lt;&lt; (int)key</c> is set for each stop tone.</summary>
    public int StopToneMask { get; }

    public OperationPhase Phase { get; set; }

    public int PromptIndex { get; set; }

    public int PromptOffset { get; set; }

    /// <summary>How many times the current prompt has played through.</summary>
    public int PromptPlayed { get; set; }

    public long ListenStart { get; set; }

    public long RecordStart { get; set; }

    /// <summary>Position up to which audio has been appended to <see cref="Writer"/>.</summary>
    public long WrittenUpTo { get; set; }

    public RecordingWriter? Writer { get; set; }

    /// <summary>Frames concealed for lost packets while recording.</summary>
    public long ConcealedFrames { get; set; }
}
