namespace Hark.Calls.Lifecycle;

/// <summary>Settings of a call's lifecycle.</summary>
public sealed record CallLifecycleOptions
{
    /// <summary>Defaults: Graph's values.</summary>
    public static CallLifecycleOptions Default { get; } = new();

    /// <summary>How long the bot has to answer or reject an incoming call (Graph: 15 s).</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long an established call lives without a keepAlive from the bot (Graph: 45 min, then 408/8537);
    /// <see cref="TimeSpan.Zero"/> or less keeps calls up without one.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromMinutes(45);
}
