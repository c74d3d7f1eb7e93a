namespace Hark.Graph.Auth;

/// <summary>
/// A refused Graph request, ready for the Graph error writer: HTTP status (401 or 403), Graph error code
/// and message, and the underlying token problem (None for a missing role).
/// </summary>
public sealed record GraphAuthFailure(int StatusCode, string Code, string Message, TokenValidationError Reason);
