using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Xunit.Abstractions;

namespace Hark.Host.Tests.Security;

/// <summary>
/// Thousands of generated bad requests against every route of the real host: none may get a 5xx, and every refusal
/// is a Graph error body. Afterwards the managed heap must be back near where it started.
/// </summary>
[Collection(HeapMeasuringCollection.Name)]
public sealed class BadInputMatrixTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-bad-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private WebApplication? _app;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _app = HarkApp.Create(
        [
            "--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}",
            "--Hark:Applications:0:ClientId=bot", "--Hark:Applications:0:ClientSecret=s", "--Hark:Applications:0:Numbers:0=+15551234",
            "--Logging:LogLevel:Default=Error",
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
    public async Task Post_GeneratedBadBodiesOnEveryRoute_NeverServerErrorAlwaysGraphShaped()
    {
        // A live, ringing call, so action routes reach it whenever a mutated body happens to be valid.
        using var ringing = await _http.PostAsync(_base + "/hark/v1/simulator/calls", Json("""{"to":"+15551234","script":[{"silence":30}]}"""));
        var callId = JsonDocument.Parse(await ringing.Content.ReadAsStringAsync()).RootElement.GetProperty("callId").GetString()!;
        var requests = BadRequestMatrix.All(callId).ToList();

        // Warm up (JIT, pools), then take the baseline.
        foreach (var warm in requests.Take(50))
        {
            await SendAsync(warm);
        }

        var before = Heap();
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        var created = new List<string>();
        foreach (var request in requests)
        {
            var (status, body) = await SendAsync(request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == 201 && request.Path == "/v1.0/communications/calls")
            {
                created.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
            }

            if (status >= 500 || (status >= 400 && !IsGraphError(body)))
            {
                failures.Add($"{status} {request.Path} [{request.ContentType}] {Preview(request.Body)} -> {Preview(Encoding.UTF8.GetBytes(body))}");
            }
        }

        // A mutated body that happens to be valid creates a real call; those are work the bot asked for, not a
        // leak, so they are hung up (as the bot would) before the heap is compared.
        await HangUpAsync(created);
        var after = Heap();
        output.WriteLine($"{created.Count} calls created and hung up");
        output.WriteLine($"{requests.Count} requests; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine($"managed heap after a full collection: {before / 1e6:0.0} MB before, {after / 1e6:0.0} MB after");
        Assert.True(requests.Count >= 1000, $"only {requests.Count} requests generated");
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(after < before + (20 * 1024 * 1024), $"the heap grew from {before} to {after} bytes");
    }

    [Fact]
    public async Task CreateCall_BadTargets_RefusedBeforeTheCallExists()
    {
        var failures = new List<string>();
        foreach (var target in BadRequestMatrix.BadTargets())
        {
            var body = JsonSerializer.Serialize(new
            {
                callbackUri = "https://bot.example/cb",
                targets = new[] { new { identity = new { phone = new { id = target } } } },
                requestedModalities = new[] { "audio" },
                mediaConfig = new Dictionary<string, string> { ["@odata.type"] = "#microsoft.graph.serviceHostedMediaConfig" },
            });
            var (status, text) = await SendAsync(new BadRequest("/v1.0/communications/calls", Encoding.UTF8.GetBytes(body), "application/json"));
            if (status != 400 || !IsGraphError(text) || !text.Contains("targets[0].identity.phone.id", StringComparison.Ordinal))
            {
                failures.Add($"{status} for {Preview(Encoding.UTF8.GetBytes(target))}: {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/v1.0/communications/calls/%FF%FE")]
    [InlineData("/v1.0/communications/calls/%ED%A0%80")]
    [InlineData("/v1.0/communications/calls/x%00y")]
    [InlineData("/v1.0/communications/calls/x/operations/%C0%80")]
    [InlineData("/v1.0/communications/calls/..%2F..%2Fetc")]
    [InlineData("/hark/v1/recordings/..%2Fhark.db")]
    [InlineData("/hark/v1/recordings/%FF")]
    [InlineData("/hark/v1/simulator/calls/%ED%A0%80")]
    [InlineData("/v1.0/communications/calls/x/operations/y/z/w")]
    public async Task Get_OddPathSegments_NeverServerError(string path)
    {
        using var response = await _http.GetAsync(_base + path);
        var text = await response.Content.ReadAsStringAsync();

        Assert.InRange((int)response.StatusCode, 400, 499);

        // Kestrel itself refuses a request line with a NUL (an empty 400 before any of Hark runs); everything
        // that reaches Hark answers with a Graph error body.
        Assert.True(IsGraphError(text) || (path.Contains("%00", StringComparison.Ordinal) && text.Length == 0), text);
    }

    private async Task HangUpAsync(IEnumerable<string> callIds)
    {
        foreach (var id in callIds)
        {
            using var hangUp = await _http.DeleteAsync(_base + "/v1.0/communications/calls/" + id);
            Assert.True(hangUp.IsSuccessStatusCode || hangUp.StatusCode == HttpStatusCode.NotFound, $"DELETE {id}: {hangUp.StatusCode}");
        }

        // Ended calls answer 404 once their terminated notification is decided; only a hang guard, not a timing check.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var id in callIds)
        {
            while (true)
            {
                using var get = await _http.GetAsync(_base + "/v1.0/communications/calls/" + id);
                if (get.StatusCode == HttpStatusCode.NotFound)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"call {id} still answers {get.StatusCode} after its hang-up");
                await Task.Delay(50);
            }
        }
    }

    private async Task<(int Status, string Body)> SendAsync(BadRequest request)
    {
        using var content = new ByteArrayContent(request.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        using var response = await _http.PostAsync(_base + request.Path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static bool IsGraphError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error)
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && error.TryGetProperty("innerError", out var inner) && inner.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Preview(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 160)));
        return text.ReplaceLineEndings("⏎") + (bytes.Length > 160 ? $"…({bytes.Length} bytes)" : "");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
