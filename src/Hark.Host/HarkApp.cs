using System.Reflection;
using Hark.Calls.Persistence;
using Hark.Graph.Auth;
using Hark.Graph.Calls;
using Hark.Graph.Notifications;
using Hark.Graph.Prompts;
using Hark.Host.Admin;
using Hark.Host.Cli;
using Hark.Host.Http;
using Hark.Host.WebConsole;
using Hark.Host.Operations;
using Hark.Host.Simulator;
using Hark.Storage;
using Hark.Telephony;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace Hark.Host;

/// <summary>Builds the Hark web application; <c>Program</c> runs it and the host tests start it on port 0.</summary>
public static class HarkApp
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static string Version { get; } =
        typeof(HarkApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    // Lowest-priority defaults: any source the operator uses (file, environment, command line) overrides them.
    private static readonly Dictionary<string, string?> s_defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        // One line per request at Information drowns the calls' own story; failures are logged by Hark itself.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        // Start-up failures are reported by the hark command as one line; the host's copy is a stack trace.
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
    };

    /// <summary>The port Hark's SIP endpoint bound (UDP and TCP); useful when <c>Hark:Sip:Port</c> is 0.</summary>
    public static int SipPort(IServiceProvider services) => services.GetRequiredService<SipEndpoint>().Port;

    public static WebApplication Create(string[] args) => Create(args, configure: null);

    /// <summary>
    /// Builds Hark holding the data directory's lock (released when the app is disposed); <paramref name="configure"/>
    /// sees the builder last (tests add log providers there).
    /// </summary>
    /// <exception cref="DataDirectoryLockedException">Another process runs Hark on the same data directory.</exception>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = CreateBuilder(args);
        configure?.Invoke(builder);
        var dataLock = DataDirectoryLock.Acquire(builder.Configuration["Hark:DataDirectory"] ?? new HarkOptions().DataDirectory);
        try
        {
            builder.Services.AddSingleton(_ => dataLock);
            var app = Build(builder);

            // Resolved, so the container owns it: disposing the app releases the lock.
            app.Services.GetRequiredService<DataDirectoryLock>();
            return app;
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    /// <summary>Builds Hark without the lock, to validate its configuration (<c>hark check-config</c>).</summary>
    internal static WebApplication CreateForCheck(string[] args) => Build(CreateBuilder(args));

    /// <summary>Runs every start-up validation without starting anything; throws what start would.</summary>
    internal static void Validate(WebApplication app) => app.Services.GetRequiredService<IStartupValidator>().Validate();

    private static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // No configuration reload (nothing reads IOptionsMonitor): watching appsettings.json means a recursive
        // inotify watch on the content root, and with the data folder under it every recording write woke a thread
        // (about 5 % of Hark's CPU at 200 recorded calls, perf). A later --hostBuilder:reloadConfigOnChange wins.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = s_defaults });
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrls);
        ConfigureLogging(builder);
        ConfigureShutdown(builder);

        builder.Services.AddOptions<HarkOptions>().BindConfiguration(HarkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Hark's own connection cap, not Kestrel's Limits.MaxConcurrentConnections: past it a connection is answered 503
        // (which the Graph SDK retries) instead of closed unanswered. On every endpoint, those from urls included.
        builder.Services.AddSingleton<HttpConnectionLimit>();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<HttpConnectionLimit>(
            (kestrel, limit) => kestrel.ConfigureEndpointDefaults(limit.Apply));
        builder.Services.AddOptions<DevelopmentOptions>().BindConfiguration(DevelopmentOptions.SectionName);
        var telemetry = TelemetryServiceCollectionExtensions.ReadTelemetryOptions(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(telemetry));
        builder.AddHarkTelemetry(telemetry);
        OperatorDirectory.ReadConfigured(builder.Configuration);
        builder.Services.AddSingleton(provider => OperatorDirectory.Create(
            provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IOptions<HarkOptions>>().Value.DataDirectory));

        // Before the layers' own registrations (they use TryAdd): the development application takes
        // Hark:Development:CallbackUri, and every store call passes CallTelemetry.
        builder.Services.AddSingleton<IApplicationDirectory>(DevelopmentAwareApplications);
        builder.Services.AddSingleton<CallTelemetry>();
        builder.Services.AddSingleton<CallChangeFeed>();
        builder.Services.AddSingleton(provider => new ObservedCallStore(
            provider.GetRequiredService<SqliteCallStore>(), provider.GetRequiredService<CallTelemetry>(), provider.GetRequiredService<CallChangeFeed>()));
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GraphRequestLog>();
        builder.Services.AddSingleton(provider =>
        {
            var admin = provider.GetRequiredService<IOptions<AdminOptions>>().Value;
            return new SipMessageLog(admin.SipMessagesPerCall, admin.CallsRemembered, provider.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddSingleton<ICallStore>(provider => provider.GetRequiredService<ObservedCallStore>());
        builder.Services.AddSingleton<INotificationOutbox>(provider => provider.GetRequiredService<ObservedCallStore>());

        builder.Services.AddHarkGraphAuth();
        builder.Services.AddHarkStorage();
        builder.Services.AddHarkPrompts();
        builder.Services.AddSingleton<IPromptLoader, PromptCacheLoader>();
        builder.Services.AddHarkWebhooks();

        // Stops after the call hub (hosted services stop in reverse order) and before webhook delivery.
        builder.Services.AddHostedService<NotificationDrain>();
        builder.Services.AddHarkGraphCalls();
        builder.Services.AddHostedService<BaseUrlPublisher>();
        builder.Services.AddHarkTelephony();
        builder.Services.AddSingleton<IIncomingCallRouter, GraphCallRouter>();
        builder.Services.AddSingleton<IOutboundDialer, SipOutboundDialer>();
        builder.Services.AddSingleton<VirtualCallRegistry>();
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReadinessProbe>();
        return builder;
    }

    private static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseHarkExceptionHandler();

        // Resolved per request, not here: hark check-config builds the app and must open nothing.
        app.Use((context, next) => context.RequestServices.GetRequiredService<GraphRequestLog>().ObserveAsync(context, next));
        app.MapHarkConsole();
        var telemetry = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        app.MapHarkMetrics(telemetry);
        app.MapGet("/hark/v1/version", () => TypedResults.Text(Version));
        app.MapHarkHealth();
        app.MapHarkAdmin();
        app.MapHarkTokenEndpoints();
        app.MapHarkGraphCalls();
        app.MapHarkSimulator();
        app.Lifetime.ApplicationStarted.Register(() => ReportStart(app));
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Hark:Logging:Format"] ?? new LoggingOptions().Format;
        builder.Services.AddOptions<LoggingOptions>().BindConfiguration(LoggingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Logging.ClearProviders();
        switch (format)
        {
            case "line":
                // One event, one line (the default format spends two on each).
                builder.Logging.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                });
                break;
            case "json":
                builder.Logging.AddJsonConsole(o =>
                {
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                break;
            default:
                throw new ConfigurationKeyException("Hark:Logging:Format", format, "one of line, json");
        }
    }

    private static void ConfigureShutdown(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var shutdown = builder.Configuration.GetSection(ShutdownOptions.SectionName).Get<ShutdownOptions>() ?? new ShutdownOptions();
        if (shutdown.NotificationDrain >= shutdown.Timeout)
        {
            throw new ConfigurationKeyException(
                "Hark:Shutdown:NotificationDrain", shutdown.NotificationDrain.ToString(), $"less than Hark:Shutdown:Timeout ({shutdown.Timeout})");
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown.Timeout);
    }

    private static IApplicationDirectory DevelopmentAwareApplications(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IOptions<ApplicationsOptions>>().Value.Registrations;
        if (configured.Count > 0)
        {
            return new ConfiguredApplicationDirectory(configured);
        }

        // Beyond loopback the development application (every role, every number) is not used unless the operator says so.
        var configuration = provider.GetRequiredService<IConfiguration>();
        if (!provider.GetRequiredService<IOptions<DevelopmentOptions>>().Value.Enabled
            && !ListensOnLoopbackOnly(configuration["urls"] ?? DefaultUrls, configuration["Hark:Sip:ListenAddress"] ?? "127.0.0.1"))
        {
            return new ConfiguredApplicationDirectory([]);
        }

        var development = DevelopmentApplication.LoadOrCreate(DataDirectory(provider), out _);
        development.CallbackUri = provider.GetRequiredService<IOptions<DevelopmentOptions>>().Value.CallbackUri;
        return new ConfiguredApplicationDirectory([development]);
    }

    /// <summary>True when every HTTP listen URL and the SIP listen address are loopback (localhost, 127.0.0.0/8, ::1).</summary>
    public static bool ListensOnLoopbackOnly(string urls, string sipListenAddress)
    {
        static bool Loopback(string host) =>
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards (*, +, 0.0.0.0, [::]) and any name or address other than loopback reach the network.
            var authority = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            var host = authority.Split('/')[0];
            host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
            if (!Loopback(host))
            {
                return false;
            }
        }

        return Loopback(sipListenAddress);
    }

    private static string DataDirectory(IServiceProvider provider) =>
        Path.GetFullPath(provider.GetRequiredService<IOptions<HarkOptions>>().Value.DataDirectory);

    private static void ReportStart(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<HarkOptions>>().Value;
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Log.Started(app.Logger, Version, dataDirectory, options.PublicBaseUrl ?? "(from request)");
        if (app.Services.GetRequiredService<OperatorDirectory>().DevelopmentFile is { } operatorFile)
        {
            OperationsLog.DevelopmentOperator(app.Logger, operatorFile);
        }

        if (app.Services.GetRequiredService<IOptions<ApplicationsOptions>>().Value.Registrations.Count > 0)
        {
            return;
        }

        if (app.Services.GetRequiredService<IApplicationDirectory>() is ConfiguredApplicationDirectory { Count: 0 })
        {
            Log.DevelopmentApplicationOff(app.Logger);
            return;
        }

        // No application configured: say how to use the development one (loopback-only by default). The secret
        // stays in its owner-only file; the curl line reads it from there.
        var dev = DevelopmentApplication.LoadOrCreate(dataDirectory, out _);
        var file = Path.Combine(dataDirectory, DevelopmentApplication.FileName);
        var baseUrl = (options.PublicBaseUrl ?? app.Urls.FirstOrDefault() ?? DefaultUrls).TrimEnd('/');
        var curl = $"curl -s -X POST {baseUrl}/common/oauth2/v2.0/token -d grant_type=client_credentials " +
            $"-d client_id={dev.ClientId} --data-urlencode \"client_secret=$(sed -n 's/.*\"clientSecret\":\"\\([^\"]*\\)\".*/\\1/p' {file})\" -d scope={baseUrl}/.default";
        var callback = app.Services.GetRequiredService<IOptions<DevelopmentOptions>>().Value.CallbackUri is { } uri ? Hark.Graph.Outbound.UriDisplay.Shorten(uri.ToString()) : "(none: set Hark:Development:CallbackUri)";
        Log.DevelopmentApplication(app.Logger, dev.ClientId, file, callback, curl);
    }
}
