namespace Hark.Host.Operations;

/// <summary>The development application's settings (used when no application is configured), from <c>Hark:Development</c>.</summary>
public sealed class DevelopmentOptions
{
    public const string SectionName = "Hark:Development";

    /// <summary>Where the development application's notifications go (e.g. the sample bot's <c>http://127.0.0.1:5090/callback</c>).</summary>
    public Uri? CallbackUri { get; set; }

    /// <summary>
    /// Use the development application even though Hark listens beyond loopback (HTTP <c>urls</c> or
    /// <c>Hark:Sip:ListenAddress</c>). Off by default: a well-known application on a network is an open door.
    /// </summary>
    public bool Enabled { get; set; }
}
