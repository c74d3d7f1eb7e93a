using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Hark.Host.Tests.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hark.Host.Tests.Security;

/// <summary>The safety net: whatever escapes an endpoint is answered Graph-shaped and logged with the request id.</summary>
public sealed class UnhandledExceptionTests : IAsyncLifetime, IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-unhandled-" + Guid.NewGuid().ToString("N"));
    private readonly CapturedLog _log = new();
    private WebApplication _app = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _app = HarkApp.Create(
            ["--urls", "http://127.0.0.1:0", "--Hark:Sip:Port=0", $"--Hark:DataDirectory={_dataDirectory}"],
            builder => builder.Logging.AddProvider(_log));

        // Test-only endpoints, mapped behind the same pipeline as Hark's own.
        _app.MapGet("/test/throw", IResult () => throw new InvalidOperationException("boom: internal detail"));
        _app.MapGet("/test/too-large", IResult () => throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));
        await _app.StartAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _log.Dispose();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Request_EndpointThrows_GraphShaped500WithTheRequestIdLoggedAtError()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _app.Urls.Single() + "/test/throw");
        request.Headers.Add("client-request-id", "bot-42");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        var requestId = response.Headers.GetValues("request-id").Single();
        Assert.Equal("UnknownError", error.GetProperty("code").GetString());
        Assert.Equal(requestId, error.GetProperty("innerError").GetProperty("request-id").GetString());
        Assert.Equal("bot-42", error.GetProperty("innerError").GetProperty("client-request-id").GetString());
        Assert.Equal("bot-42", response.Headers.GetValues("client-request-id").Single());
        Assert.Contains(requestId, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("boom", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

        var logged = Assert.Single(_log.Lines, l => l.Contains("[1010]", StringComparison.Ordinal));
        Assert.StartsWith("Error ", logged, StringComparison.Ordinal);
        Assert.Contains(requestId, logged, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: boom: internal detail", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ServerRefusesTheBody_GraphShapedWithItsStatus()
    {
        using var response = await _http.GetAsync(_app.Urls.Single() + "/test/too-large");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestEntityTooLarge", error.GetProperty("code").GetString());
        Assert.DoesNotContain(_log.Lines, l => l.Contains("[1010]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnobservedTaskException_LoggedAtError()
    {
        var marker = "unobserved-" + Guid.NewGuid().ToString("N");
        LeaveAFaultedTask(marker);

        // The exception is raised when the finalizer of the dropped task runs.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!_log.Lines.Any(l => l.Contains(marker, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the unobserved exception was never logged");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(20);
        }

        Assert.Contains(_log.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("[1012]", StringComparison.Ordinal) && l.Contains(marker, StringComparison.Ordinal));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeaveAFaultedTask(string marker) =>
        _ = Task.Run(() => throw new InvalidOperationException(marker));
}
