namespace Hark.Graph.Auth;

/// <summary>The outcome of checking an access or notification token.</summary>
public sealed class TokenValidationOutcome
{
    private TokenValidationOutcome(TokenValidationError error, AuthenticatedApplication? application)
    {
        Error = error;
        Application = application;
    }

    public TokenValidationError Error { get; }

    /// <summary>The token's application; set exactly when <see cref="IsValid"/>.</summary>
    public AuthenticatedApplication? Application { get; }

    public bool IsValid => Error == TokenValidationError.None;

    internal static TokenValidationOutcome Success(AuthenticatedApplication application) => new(TokenValidationError.None, application);

    internal static TokenValidationOutcome Failure(TokenValidationError error) => new(error, null);
}
