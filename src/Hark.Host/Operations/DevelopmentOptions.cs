namespace Hark.Host.Operations;

/// <summary>The development application's settings (used when no application is configured), from <c>Hark:Development</c>.</summary>
public sealed class DevelopmentOptions
{
    public const string SectionName = "Hark:Development";

    /// <summary>Where the development application's notifications go (e.g. the sample bot's <c>http://127.0.0.1:5090/callback</c>).</summary>
    public Uri? CallbackUri { get; set; }
}
