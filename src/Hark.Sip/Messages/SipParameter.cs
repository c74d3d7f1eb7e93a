namespace Hark.Sip.Messages;

/// <summary>A <c>;name[=value]</c> parameter; <see cref="Value"/> is null when the parameter has no value and unquoted when it was quoted.</summary>
public readonly record struct SipParameter(string Name, string? Value);
