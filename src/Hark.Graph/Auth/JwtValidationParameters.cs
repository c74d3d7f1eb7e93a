namespace Hark.Graph.Auth;

/// <summary>What <see cref="JwtCodec.Validate"/> checks beyond the signature.</summary>
internal sealed record JwtValidationParameters(
    IReadOnlyCollection<string> ValidIssuers,
    IReadOnlyCollection<string> ValidAudiences,
    TimeSpan ClockSkew);
