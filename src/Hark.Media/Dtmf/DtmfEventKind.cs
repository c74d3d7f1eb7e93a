namespace Hark.Media.Dtmf;

/// <summary>What a <see cref="DtmfEvent"/> reports.</summary>
public enum DtmfEventKind
{
    /// <summary>Nothing happened.</summary>
    None = 0,

    /// <summary>A key was recognised; its tone started at <see cref="DtmfEvent.OnsetSample"/>.</summary>
    KeyDown = 1,

    /// <summary>The key's tone ended at <see cref="DtmfEvent.EndSample"/>.</summary>
    KeyUp = 2,
}
