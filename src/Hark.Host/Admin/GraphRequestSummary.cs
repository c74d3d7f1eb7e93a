namespace Hark.Host.Admin;

/// <summary>One Graph request about a call, for the operator's timeline: no body, no query string, no token.</summary>
internal sealed record GraphRequestSummary(DateTimeOffset At, string Method, string Path, int Status, double Milliseconds);
