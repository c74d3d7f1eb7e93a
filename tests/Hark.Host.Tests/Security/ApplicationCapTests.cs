using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Hark.Host.Tests.Security;

/// <summary>Hark:Calls:MaxConcurrentPerApplication on the real host: simulator 429, create 429, a SIP INVITE 486.</summary>
public sealed class ApplicationCapTests : IAsyncLifetime, IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-cap-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();
    private WebApplication? _app;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _app = HarkApp.Create(
        [
            "--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}",
            "--Hark:Applications:0:ClientId=bot", "--Hark:Applications:0:ClientSecret=s", "--Hark:Applications:0:Numbers:0=*",
            "--Hark:Calls:MaxConcurrentPerApplication=1",
        ]);
        await _app.StartAsync();
        _base = _app.Urls.Single();
        using var token = await _http.PostAsync(_base + "/common/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "bot", ["client_secret"] = "s", ["scope"] = _base + "/.default",
        }));
        var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
    }

    public async Task DisposeAsync()
    {
        await _app!.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task NewCalls_ApplicationAtItsCap_429OnCreateAndSimulatorAnd486ForSip()
    {
        // One ringing virtual call fills the application's single place.
        using (var first = await _http.PostAsync(_base + "/hark/v1/simulator/calls", Json("""{"to":"+15550100","script":[{"silence":30}]}""")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await _http.PostAsync(_base + "/hark/v1/simulator/calls", Json("""{"to":"+15550100","script":[{"silence":30}]}"""));
        using var create = await _http.PostAsync(_base + "/v1.0/communications/calls", Json(
            """{"callbackUri":"https://bot.example/cb","targets":[{"identity":{"phone":{"id":"+15550111"}}}],"requestedModalities":["audio"],"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"}}"""));
        var sip = await InviteAsync(HarkApp.SipPort(_app!.Services));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("TooManyRequests", JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, create.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), create.Headers.RetryAfter?.Delta);
        Assert.Equal(486, sip);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    // A bare INVITE over UDP; returns the first final status.
    private static async Task<int> InviteAsync(int port)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)udp.Client.LocalEndPoint!;
        const string sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
        var invite =
            $"INVITE sip:+15551234@127.0.0.1:{port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:caller@127.0.0.1>;tag={Guid.NewGuid():N}\r\n" +
            $"To: <sip:+15551234@127.0.0.1:{port}>\r\n" +
            $"Call-ID: {Guid.NewGuid():N}@127.0.0.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            $"Contact: <sip:caller@127.0.0.1:{local.Port}>\r\n" +
            "Content-Type: application/sdp\r\n" +
            $"Content-Length: {sdp.Length}\r\n\r\n" + sdp;
        await udp.SendAsync(Encoding.ASCII.GetBytes(invite), new IPEndPoint(IPAddress.Loopback, port));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var received = await udp.ReceiveAsync(deadline.Token);
            var status = int.Parse(Encoding.ASCII.GetString(received.Buffer).Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
            if (status >= 200)
            {
                return status;
            }
        }
    }
}
