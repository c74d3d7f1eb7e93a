namespace Hark.Calls.Lifecycle;

/// <summary>Graph's <c>resultInfo</c> carried by a call's terminated notification.</summary>
/// <param name="Code">HTTP-like code.</param>
/// <param name="Subcode">Graph's subcode, or Hark's 86xx for outcomes Graph does not document.</param>
/// <param name="Message">Human-readable text.</param>
public sealed record CallResultInfo(int Code, int Subcode, string Message);
