using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Communications.Calls.Item.Answer;
using Microsoft.Graph.Models;

namespace Hark.Integration.Harness;

/// <summary>
/// One Hark host, one bot listener and an SDK client for a test class: each class gets its own, so the
/// classes run in parallel without sharing calls.
/// </summary>
public class HarkFixture : IAsyncLifetime
{
    private string _token = string.Empty;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public BotListener Listener { get; private set; } = null!;

    public HarkServer Server { get; private set; } = null!;

    /// <summary>The application's Graph token.</summary>
    public string Token => _token;

    /// <summary>SDK client on {base}/v1.0.</summary>
    public GraphServiceClient Graph { get; private set; } = null!;

    public SimulatorClient Simulator { get; private set; } = null!;

    public Uri BaseUri => Server.BaseUri;

    /// <summary>A second application that lacks Calls.AccessMedia.All (and gets no calls).</summary>
    public string LimitedClientId { get; } = "limited-" + Guid.NewGuid().ToString("N")[..8];

    public string LimitedClientSecret { get; } = "limited-secret";

    /// <summary>More host settings (<c>--Key=value</c>) for a fixture that needs them.</summary>
    protected virtual IEnumerable<string> ExtraSettings => [];

    public async Task InitializeAsync()
    {
        Listener = await BotListener.StartAsync();
        Server = new HarkServer(
            "it-" + Guid.NewGuid().ToString("N")[..12],
            "secret-" + Guid.NewGuid().ToString("N"),
            Listener.CallbackUri,
            [
                $"--Hark:Applications:1:ClientId={LimitedClientId}",
                $"--Hark:Applications:1:ClientSecret={LimitedClientSecret}",
                $"--Hark:Applications:1:CallbackUri={Listener.CallbackUri}",
                "--Hark:Applications:1:Roles:0=Calls.Initiate.All",
                .. ExtraSettings,
            ]);
        await Server.StartAsync();
        Listener.Trust(new NotificationAuthenticator(Http, Server.BaseUri, Server.ClientId));
        await ConnectAsync();
        Simulator = new SimulatorClient(Http, Server.BaseUri, () => _token);
    }

    /// <summary>Restarts the host on the same port and data directory, then takes a fresh token as a bot would.</summary>
    public async Task RestartAsync()
    {
        await Server.RestartAsync();
        Graph.Dispose();
        await ConnectAsync();
    }

    /// <summary>A Graph client on another path (/beta, /localtest).</summary>
    public GraphServiceClient GraphAt(string version) => GraphClients.Create(Server.BaseUri, _token, version);

    /// <summary>A Graph client on another path whose responses' status codes <paramref name="recorder"/> sees.</summary>
    public GraphServiceClient GraphAt(string version, ResponseRecorder recorder) => GraphClients.Create(Server.BaseUri, _token, version, recorder);

    /// <summary>A raw request with the application's token.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Server.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>Dials in with a script and waits for the incoming-call notification.</summary>
    public async Task<ConnectedCall> PlaceCallAsync(params JsonObject[] script)
    {
        var sim = await Simulator.StartAsync(script);
        Assert.Equal("ringing", sim.State);
        var inbox = Listener.Call(sim.CallId);
        var incoming = await inbox.WaitForAsync(n => n.ChangeType == "created", Timeouts.Notification, "created (incoming)");
        return new ConnectedCall(sim.Id, sim.CallId, inbox, incoming);
    }

    /// <summary>Answers with service-hosted media and waits until established with audio active.</summary>
    public async Task<ReceivedNotification> AnswerAsync(ConnectedCall call)
    {
        await Graph.Communications.Calls[call.CallId].Answer.PostAsync(new AnswerPostRequestBody
        {
            CallbackUri = Listener.CallbackUri.ToString(),
            MediaConfig = new ServiceHostedMediaConfig(),
            AcceptedModalities = [Modality.Audio],
        });
        return await call.Inbox.WaitForAsync(
            n => n.OperationId is null && n.State == "established" && n.ToCall().MediaState?.Audio == MediaState.Active,
            Timeouts.Notification,
            "established with audio active");
    }

    /// <summary>Dials and answers.</summary>
    public async Task<ConnectedCall> ConnectAsync(params JsonObject[] script)
    {
        var call = await PlaceCallAsync(script);
        await AnswerAsync(call);
        return call;
    }

    /// <summary>GET recordingLocation with a bearer token (or none).</summary>
    public async Task<HttpResponseMessage> DownloadAsync(string location, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Has the caller hang up (if still on) and waits for the call's terminated notification.</summary>
    public async Task<ReceivedNotification> EndAsync(ConnectedCall call)
    {
        var sim = await Simulator.GetAsync(call.SimulatorId);
        if (sim.State != "ended")
        {
            await Simulator.HangUpAsync(call.SimulatorId);
        }

        return await call.Inbox.WaitForAsync(
            n => n.OperationId is null && n.ChangeType == "deleted", Timeouts.Notification, "deleted (terminated)");
    }

    public async Task DisposeAsync()
    {
        Graph?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Listener is not null)
        {
            await Listener.DisposeAsync();
        }

        Http.Dispose();
    }

    private async Task ConnectAsync()
    {
        _token = await GraphClients.GetTokenAsync(Http, Server.BaseUri, Server.ClientId, Server.ClientSecret);
        Graph = GraphClients.Create(Server.BaseUri, _token);
    }
}
