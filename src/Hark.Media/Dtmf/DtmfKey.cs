namespace Hark.Media.Dtmf;

/// <summary>
/// A telephone keypad key. The numeric values are the RFC 4733 event codes (0–9, * = 10,
/// # = 11, A–D = 12–15, flash = 16), so in-band and RTP event paths share one type.
/// </summary>
public enum DtmfKey : byte
{
    Digit0 = 0,
    Digit1 = 1,
    Digit2 = 2,
    Digit3 = 3,
    Digit4 = 4,
    Digit5 = 5,
    Digit6 = 6,
    Digit7 = 7,
    Digit8 = 8,
    Digit9 = 9,
    Star = 10,
    Pound = 11,
    A = 12,
    B = 13,
    C = 14,
    D = 15,
    Flash = 16,
}
