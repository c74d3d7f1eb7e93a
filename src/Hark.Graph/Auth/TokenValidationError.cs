namespace Hark.Graph.Auth;

/// <summary>Why a bearer token was refused; <see cref="None"/> when it was accepted.</summary>
public enum TokenValidationError
{
    None = 0,
    Missing,
    Malformed,
    UnsupportedAlgorithm,
    UnknownKey,
    InvalidSignature,
    InvalidIssuer,
    InvalidAudience,
    Expired,
    NotYetValid,
    MissingClaim,

    /// <summary>A recording token presented for another recording.</summary>
    WrongRecording,

    /// <summary>A genuine access token of an application no longer in the configuration.</summary>
    UnknownApplication,

    /// <summary>A notification token whose body_sha256 is not the hash of the body it came with.</summary>
    BodyMismatch,
}
