using Hark.Sip.Dialogs;

namespace Hark.Sip.Tests.Dialogs;

/// <summary>Predictable identifiers so tests can name the tags and branches a session puts on the wire.</summary>
internal sealed class SequentialIds : ISipIdGenerator
{
    private int _tags;
    private int _branches;

    public string NewTag() => $"hark-tag-{++_tags}";

    public string NewBranch() => $"z9hG4bK-hark-{++_branches}";

    public string NewCallId() => "hark-call-1";

    public string NewCnonce() => "0a4f113b";
}
