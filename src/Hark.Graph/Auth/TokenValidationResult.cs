namespace Hark.Graph.Auth;

/// <summary>The outcome of checking an access or notification token.</summary>
public sealed class TokenValidationResult
{
    private TokenValidationResult(TokenValidationError error, AuthenticatedApplication? application)
    {
        Error = error;
        Application = application;
    }

    public TokenValidationError Error { get; }

    /// <summary>The token's application; set exactly when <see cref="IsValid"/>.</summary>
    public AuthenticatedApplication? Application { get; }

    public bool IsValid => Error == TokenValidationError.None;

    internal static TokenValidationResult Success(AuthenticatedApplication application) => new(TokenValidationError.None, application);

    internal static TokenValidationResult Failure(TokenValidationError error) => new(error, null);
}
