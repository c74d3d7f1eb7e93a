using Hark.Host;
using Microsoft.AspNetCore.Builder;

namespace Hark.Integration.Harness;

/// <summary>
/// The real Hark host in-process on 127.0.0.1 with a data directory of its own. The first start takes a
/// free port; a restart reuses it so URLs Hark handed out (recordingLocation, issuer) stay valid.
/// </summary>
public sealed class HarkServer : IAsyncDisposable
{
    private readonly string[] _settings;
    private WebApplication? _app;
    private int _port;

    public HarkServer(string clientId, string clientSecret, Uri callbackUri, params string[] extraSettings)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        DataDirectory = Path.Combine(Path.GetTempPath(), "hark-it-" + Guid.NewGuid().ToString("N"));
        _settings =
        [
            $"--Hark:DataDirectory={DataDirectory}",
            $"--Hark:Applications:0:ClientId={clientId}",
            $"--Hark:Applications:0:ClientSecret={clientSecret}",
            $"--Hark:Applications:0:CallbackUri={callbackUri}",
            "--Hark:Applications:0:Numbers:0=*",
            "--Logging:LogLevel:Default=Warning",
            .. extraSettings,
        ];
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    public string DataDirectory { get; }

    /// <summary>Base URL of the running host (ends with '/').</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The running host's services, for tests that reach into the engine (a test hook, a meter).</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>The UDP/TCP port Hark's SIP endpoint listens on (a free one per start).</summary>
    public int SipPort => HarkApp.SipPort(_app!.Services);

    public async Task StartAsync()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("Already running.");
        }

        var app = HarkApp.Create([$"--urls=http://127.0.0.1:{_port}", "--Hark:Sip:Port=0", .. _settings]);
        await app.StartAsync();
        _app = app;
        var url = new Uri(app.Urls.Single());
        _port = url.Port;
        BaseUri = new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Stops the host and starts a new one on the same port and data directory.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
