using System.Text;
using Hark.Graph.Prompts;
using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Tests.Prompts;

/// <summary>Each way a prompt can fail ends in a <see cref="PromptLoadException"/> that names the URI and the reason.</summary>
[Collection(PromptServerCollection.Name)]
public sealed class PromptCacheFailureTests(PromptTestServer server) : IDisposable
{
    private readonly PromptCacheFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task GetAsync_NotFound_SaysHttp404()
    {
        var url = server.Missing();

        var failure = await FailAsync(_factory.Create(), url);

        Assert.Equal($"Prompt {url} could not be loaded: not found (HTTP 404).", failure.Message);
        Assert.Equal(url, failure.Uri);
    }

    [Fact]
    public async Task GetAsync_NotAWav_SaysWhy()
    {
        var url = server.Serve(Encoding.UTF8.GetBytes("<html>hello</html>"), "text/html");

        var failure = await FailAsync(_factory.Create(), url);

        Assert.StartsWith($"Prompt {url} could not be loaded: not a WAV file: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RIFF", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ChunkedBodyOverMaxBytes_StopsAtTheCap()
    {
        var chunk = new byte[1024];
        var sent = 0;
        var url = server.Route(async context =>
        {
            // No Content-Length: only counting the body can catch this.
            for (var i = 0; i < 64; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });

        var failure = await FailAsync(_factory.Create(o => o.MaxBytes = 4096), url);

        Assert.EndsWith("could not be loaded: larger than 4 KB.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ContentLengthOverMaxBytes_Refused()
    {
        var url = server.Serve(new byte[5000]);

        var failure = await FailAsync(_factory.Create(o => o.MaxBytes = 4096), url);

        Assert.EndsWith("larger than 4 KB.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_DefaultMaxBytesExceeded_Says16MB()
    {
        var uri = "data:;base64," + new string('A', 23 * 1024 * 1024);

        var failure = await FailAsync(_factory.Create(), uri);

        Assert.Equal("Prompt data:;base64,… could not be loaded: larger than 16 MB.", failure.Message);
    }

    [Fact]
    public async Task GetAsync_ServerTooSlow_TimesOut()
    {
        var time = new ManualTimeProvider();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var url = server.Route(async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var cache = _factory.Create(timeProvider: time);

        var pending = cache.GetAsync(url, null, 8000, CancellationToken.None);
        await arrived.Task;
        time.Advance(TimeSpan.FromSeconds(10));
        var failure = await Assert.ThrowsAsync<PromptLoadException>(() => pending);

        Assert.Equal($"Prompt {url} could not be loaded: timed out after 10 s.", failure.Message);
    }

    [Theory]
    [InlineData("ftp://example.com/prompt.wav", "unsupported scheme ftp")]
    [InlineData("file:///etc/passwd", "unsupported scheme file")]
    [InlineData("prompts/hello.wav", "not an absolute URI")]
    [InlineData("data:audio/wav;base64", "malformed data: URI (no comma before the data)")]
    [InlineData("data:audio/wav;base64,!!!!", "malformed data: URI (invalid base64)")]
    [InlineData("data:audio/wav,%G1", "malformed data: URI (bad percent escape)")]
    public async Task GetAsync_UnusableUri_SaysWhy(string uri, string reason)
    {
        var failure = await FailAsync(_factory.Create(), uri);

        Assert.EndsWith($"could not be loaded: {reason}.", failure.Message, StringComparison.Ordinal);
        Assert.Equal(reason, failure.Reason);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "address 169.254.169.254 is link-local and not allowed")]
    [InlineData("http://[::ffff:169.254.169.254]/", "address 169.254.169.254 is link-local and not allowed")]
    [InlineData("http://100.100.100.200/", "address 100.100.100.200 is a cloud metadata address and not allowed")]
    [InlineData("http://[fd00:ec2::254]/", "address fd00:ec2::254 is a cloud metadata address and not allowed")]
    [InlineData("http://0.0.0.0/", "address 0.0.0.0 is unspecified and not allowed")]
    public async Task GetAsync_DisallowedAddress_RefusedBeforeConnecting(string uri, string reason)
    {
        // The never-advanced clock means a connection attempt would hang this test rather than fail it quickly.
        var failure = await FailAsync(_factory.Create(timeProvider: new ManualTimeProvider()), uri);

        Assert.Equal(reason, failure.Reason);
    }

    [Fact]
    public async Task GetAsync_RedirectToAllowedHost_Follows()
    {
        var target = server.Serve(TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.1)));
        var url = server.Redirect(target.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

        var samples = await _factory.Create().GetAsync(url, null, 8000, CancellationToken.None);

        Assert.Equal(800, samples.Length);
        Assert.Equal(1, server.Requests(target));
    }

    [Fact]
    public async Task GetAsync_RelativeTemporaryRedirect_Follows()
    {
        var target = server.Serve(TestAudio.Pcm16Wav(8000, TestAudio.Tone(8000, 440, 0.1)));
        var url = server.Route(context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(target).AbsolutePath;
            return Task.CompletedTask;
        });

        var samples = await _factory.Create().GetAsync(url, null, 8000, CancellationToken.None);

        Assert.Equal(800, samples.Length);
    }

    [Fact]
    public async Task GetAsync_RedirectToMetadataAddress_RefusedFast()
    {
        var url = server.Redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/");

        var failure = await FailAsync(_factory.Create(timeProvider: new ManualTimeProvider()), url);

        Assert.Equal($"Prompt {url} could not be loaded: address 169.254.169.254 is link-local and not allowed.", failure.Message);
        Assert.Equal(1, server.Requests(url));
    }

    [Fact]
    public async Task GetAsync_RedirectLoop_StopsAfterFive()
    {
        var hops = 0;
        var url = "";
        url = server.Route(context =>
        {
            Interlocked.Increment(ref hops);
            context.Response.Redirect(url);
            return Task.CompletedTask;
        });

        var failure = await FailAsync(_factory.Create(), url);

        Assert.Equal("too many redirects (more than 5)", failure.Reason);
        Assert.Equal(6, hops);
    }

    [Fact]
    public async Task GetAsync_RedirectToFtp_SaysUnsupportedScheme()
    {
        var url = server.Redirect("ftp://127.0.0.1/prompt.wav");

        var failure = await FailAsync(_factory.Create(), url);

        Assert.Equal("redirected to unsupported scheme ftp (HTTP 302)", failure.Reason);
    }

    [Fact]
    public async Task GetAsync_ServerError_NamesTheStatus()
    {
        var url = server.Route(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });

        var failure = await FailAsync(_factory.Create(), url);

        Assert.StartsWith("the server answered HTTP 500", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_UriWithQuery_MessageHidesTheQuery()
    {
        var url = server.Missing() + "?sig=secret";

        var failure = await FailAsync(_factory.Create(), url);

        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
        Assert.Equal(url, failure.Uri);
    }

    private static Task<PromptLoadException> FailAsync(PromptCache cache, string uri) =>
        Assert.ThrowsAsync<PromptLoadException>(() => cache.GetAsync(uri, null, 8000, CancellationToken.None));
}
