using System.Reflection;
using Hark.Graph.Auth;
using Hark.Graph.Calls;
using Hark.Graph.Notifications;
using Hark.Graph.Prompts;
using Hark.Host.Simulator;
using Hark.Storage;
using Hark.Telephony;
using Microsoft.Extensions.Options;

namespace Hark.Host;

/// <summary>Builds the Hark web application; <c>Program</c> runs it and the host tests start it on port 0.</summary>
public static class HarkApp
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static string Version { get; } =
        typeof(HarkApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The port Hark's SIP endpoint bound (UDP and TCP); useful when <c>Hark:Sip:Port</c> is 0.</summary>
    public static int SipPort(IServiceProvider services) => services.GetRequiredService<SipEndpoint>().Port;

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrls);
        // One line per webhook or prompt request at Information drowns everything else; failures are logged by Hark itself.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddOptions<HarkOptions>()
            .BindConfiguration(HarkOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHarkGraphAuth();
        builder.Services.AddHarkStorage();
        builder.Services.AddHarkPrompts();
        builder.Services.AddSingleton<IPromptLoader, PromptCacheLoader>();
        builder.Services.AddHarkWebhooks();
        builder.Services.AddHarkGraphCalls();
        builder.Services.AddHostedService<BaseUrlPublisher>();
        builder.Services.AddHarkTelephony();
        builder.Services.AddSingleton<IIncomingCallRouter, GraphCallRouter>();
        builder.Services.AddSingleton<IOutboundDialer, SipOutboundDialer>();
        builder.Services.AddSingleton<VirtualCallRegistry>();

        var app = builder.Build();
        app.MapGet("/hark/v1/version", () => TypedResults.Text(Version));
        app.MapHarkTokenEndpoints();
        app.MapHarkGraphCalls();
        app.MapHarkSimulator();
        app.Lifetime.ApplicationStarted.Register(() => ReportStart(app));
        return app;
    }

    private static void ReportStart(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<HarkOptions>>().Value;
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Log.Started(app.Logger, Version, dataDirectory, options.PublicBaseUrl ?? "(from request)");

        if (app.Services.GetRequiredService<IOptions<ApplicationsOptions>>().Value.Registrations.Count > 0)
        {
            return;
        }

        // No application configured: say how to use the development one (loopback-only by default).
        var dev = DevelopmentApplication.LoadOrCreate(dataDirectory, out _);
        var baseUrl = options.PublicBaseUrl ?? app.Urls.FirstOrDefault() ?? DefaultUrls;
        var curl = $"curl -s -X POST {baseUrl.TrimEnd('/')}/common/oauth2/v2.0/token -d grant_type=client_credentials " +
            $"-d client_id={dev.ClientId} -d client_secret={dev.ClientSecret} -d scope={baseUrl.TrimEnd('/')}/.default";
        Log.DevelopmentApplication(app.Logger, dev.ClientId, dev.ClientSecret, Path.Combine(dataDirectory, DevelopmentApplication.FileName), curl);
    }
}
