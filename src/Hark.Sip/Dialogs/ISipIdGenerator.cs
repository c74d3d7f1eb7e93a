namespace Hark.Sip.Dialogs;

/// <summary>The random identifiers a session puts on the wire; a seam so tests can make them predictable.</summary>
public interface ISipIdGenerator
{
    /// <summary>A From or To tag (RFC 3261 §19.3: at least 32 random bits).</summary>
    string NewTag();

    /// <summary>A Via branch starting with the magic cookie z9hG4bK.</summary>
    string NewBranch();

    string NewCallId();

    /// <summary>A client nonce for digest authentication.</summary>
    string NewCnonce();
}
