namespace Hark.Host;

/// <summary>Host log messages; event ids are stable (1xxx = host).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Hark {Version}; data directory {DataDirectory}; public base URL {PublicBaseUrl}")]
    public static partial void Started(ILogger logger, string version, string dataDirectory, string publicBaseUrl);

    [LoggerMessage(1001, LogLevel.Warning, "No application configured (Hark:Applications); using the development application: client id {ClientId}, secret in {File}, callback {CallbackUri}. Get a token with: {Curl}")]
    public static partial void DevelopmentApplication(ILogger logger, string clientId, string file, string callbackUri, string curl);

    [LoggerMessage(1002, LogLevel.Warning, "No application configured (Hark:Applications) and Hark listens beyond loopback: the development application is off, so no token can be had. Configure an application, or set Hark:Development:Enabled=true.")]
    public static partial void DevelopmentApplicationOff(ILogger logger);

    [LoggerMessage(1020, LogLevel.Warning, "HTTP: refused a connection from {Address}: {Limit} connections are open, the limit (Hark:Http:MaxConcurrentConnections); {Outcome} ({Suppressed} more refused since the last warning)")]
    public static partial void HttpConnectionRefused(ILogger logger, string address, int limit, string outcome, int suppressed);
}
