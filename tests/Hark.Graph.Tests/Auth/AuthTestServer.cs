using Hark.Graph.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hark.Graph.Tests.Auth;

/// <summary>A real Kestrel on 127.0.0.1 (port chosen by the OS) with the token endpoints and two guarded routes.</summary>
public sealed class AuthTestServer : IAsyncLifetime
{
    public const string FullClientId = "11111111-aaaa-4bbb-8ccc-000000000001";
    public const string FullSecret = "full~secret";
    public const string LimitedClientId = "22222222-aaaa-4bbb-8ccc-000000000002";
    public const string LimitedSecret = "p@ss:w+rd &=%";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-auth-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public HttpClient Client { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hark:DataDirectory"] = _dataDirectory,
            ["Hark:Applications:0:ClientId"] = FullClientId,
            ["Hark:Applications:0:ClientSecret"] = FullSecret,
            ["Hark:Applications:1:ClientId"] = LimitedClientId,
            ["Hark:Applications:1:ClientSecret"] = LimitedSecret,
            ["Hark:Applications:1:Roles:0"] = GraphRoles.InitiateAll,
        });
        builder.Services.AddHarkGraphAuth();

        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        _app.MapHarkTokenEndpoints();
        var graph = _app.MapGroup("/v1.0").RequireGraphRole();
        graph.MapGet("/media", (HttpContext context) => context.GetGraphApplication()!.ClientId).RequireGraphRole(GraphRoles.AccessMediaAll);
        graph.MapGet("/any", (HttpContext context) => context.GetGraphApplication()!.ClientId);
        await _app.StartAsync();

        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    public Task<HttpResponseMessage> RequestTokenAsync(params (string Name, string Value)[] fields) =>
        Client.PostAsync(BaseUrl + "/common/oauth2/v2.0/token", new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public async Task<string> GetTokenAsync(string clientId, string secret, string scope = "https://graph.microsoft.com/.default")
    {
        using var response = await RequestTokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret), ("scope", scope));
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }
}
