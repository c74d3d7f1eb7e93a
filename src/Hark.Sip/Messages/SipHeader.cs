namespace Hark.Sip.Messages;

/// <summary>One header line: canonical name (compact forms expanded) and its value with folding replaced by a space.</summary>
public readonly record struct SipHeader(string Name, string Value);
