using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hark.Host.Tests.Operations;
using Hark.Testing;
using Microsoft.Extensions.Options;

namespace Hark.Host.Tests.Security;

/// <summary>
/// <c>Hark:Http:MaxConcurrentConnections</c> on the real host: past it a new connection is answered 503 with Retry-After
/// and a Graph error body, then closed; connections already open are served.
/// </summary>
public sealed class HttpConnectionLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // A refusal waits at most 1 s for the request head and 1 s for the client to close after the 503; the rest is
    // slack for a loaded machine.
    private static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Connect_PastMaxConcurrentConnections_Answered503GraphErrorAndClosedHeldOnesServedAndAdmittedOnceOneCloses()
    {
        using var refusals = new MetricCounter("Hark.Host", "hark.http.refused");
        await using var hark = await TestHark.StartAsync(callbackUri: null, "--Hark:Http:MaxConcurrentConnections=2");
        var port = new Uri(hark.BaseUrl).Port;
        var first = await ConnectAsync(port);
        using var second = await ConnectAsync(port);

        // Served once each (kept alive), so both are admitted before the third connects.
        Assert.StartsWith("HTTP/1.1 200", await GetHealthAsync(first, keepAlive: true), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await GetHealthAsync(second, keepAlive: true), StringComparison.Ordinal);

        // The two held connections are the limit: a third is answered 503 and closed (read to the end returned).
        string answer;
        using (var third = await ConnectAsync(port))
        {
            answer = await GetHealthAsync(third, keepAlive: false, "client-request-id: bot-request-1\r\n");
        }

        var (status, headers, body) = Split(answer);
        Assert.Equal("HTTP/1.1 503 Service Unavailable", status);
        Assert.Equal("1", headers["retry-after"]);
        Assert.Equal("application/json", headers["content-type"]);
        Assert.Equal("close", headers["connection"]);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), int.Parse(headers["content-length"]));
        Assert.Equal("bot-request-1", headers["client-request-id"]);
        using (var document = JsonDocument.Parse(body))
        {
            var error = document.RootElement.GetProperty("error");
            Assert.Equal("serviceNotAvailable", error.GetProperty("code").GetString());
            Assert.Contains("Retry-After", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            var inner = error.GetProperty("innerError");
            Assert.Equal(headers["request-id"], inner.GetProperty("request-id").GetString());
            Assert.Equal("bot-request-1", inner.GetProperty("client-request-id").GetString());
            var date = DateTime.ParseExact(inner.GetProperty("date").GetString()!, "yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs((date - DateTime.UtcNow).TotalMinutes) < 5, $"innerError.date {date:O}");
        }

        // A second refusal is counted, but the warning comes once a minute.
        using (var fourth = await ConnectAsync(port))
        {
            Assert.StartsWith("HTTP/1.1 503", await GetHealthAsync(fourth, keepAlive: false), StringComparison.Ordinal);
        }

        Assert.True(refusals.Of("limit") >= 2, $"hark.http.refused with reason limit: {refusals.Of("limit")}");
        Assert.Single(hark.Log.Lines, line => line.Contains("[1020]", StringComparison.Ordinal));

        // One held connection closes; once Hark has seen it go, a new connection is served.
        first.Dispose();
        var deadline = DateTime.UtcNow + Patience;
        do
        {
            using var next = await ConnectAsync(port);
            answer = await GetHealthAsync(next, keepAlive: false);
        }
        while (!answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await GetHealthAsync(second, keepAlive: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_PastTheLimitAndSendingNothing_Answered503AndClosedWithinTheBound()
    {
        await using var hark = await TestHark.StartAsync(callbackUri: null, "--Hark:Http:MaxConcurrentConnections=1");
        var port = new Uri(hark.BaseUrl).Port;
        using var held = await ConnectAsync(port);
        Assert.StartsWith("HTTP/1.1 200", await GetHealthAsync(held, keepAlive: true), StringComparison.Ordinal);

        using var silent = await ConnectAsync(port);
        var clock = Stopwatch.StartNew();
        var answer = await ReadToEndAsync(silent);

        Assert.True(clock.Elapsed < RefusalBound, $"closed after {clock.Elapsed}");
        Assert.StartsWith("HTTP/1.1 503 Service Unavailable", answer, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await GetHealthAsync(held, keepAlive: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_PastTheLimitAndDribblingItsRequest_ClosedWithinTheBound()
    {
        await using var hark = await TestHark.StartAsync(callbackUri: null, "--Hark:Http:MaxConcurrentConnections=1");
        var port = new Uri(hark.BaseUrl).Port;
        using var held = await ConnectAsync(port);
        Assert.StartsWith("HTTP/1.1 200", await GetHealthAsync(held, keepAlive: true), StringComparison.Ordinal);

        // A header byte every 50 ms, never ending the head, for longer than the bound.
        using var slow = await ConnectAsync(port);
        using var stop = new CancellationTokenSource();
        var dribbling = Task.Run(async () =>
        {
            try
            {
                await slow.SendAsync("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "u8.ToArray(), SocketFlags.None, stop.Token);
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(50, stop.Token);
                    await slow.SendAsync("a"u8.ToArray(), SocketFlags.None, stop.Token);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // Closed by Hark, or the test is done.
            }
        });

        var clock = Stopwatch.StartNew();
        await ReadToEndAsync(slow);
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await dribbling;

        // Still sending when Hark closes, so its close may come as a reset; either way within the bound.
        Assert.True(elapsed < RefusalBound, $"closed after {elapsed}");
        Assert.StartsWith("HTTP/1.1 200", await GetHealthAsync(held, keepAlive: false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Start_MaxConcurrentConnectionsOutOfRange_RefusedNamingTheKey(string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHark.StartAsync(callbackUri: null, $"--Hark:Http:MaxConcurrentConnections={value}"));
        Assert.Contains("MaxConcurrentConnections", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    // GET /healthz. Kept alive: one response read by its Content-Length, the connection left open. Else with
    // Connection: close, read to the end: the whole answer, or "" when the connection was closed or reset without one.
    internal static async Task<string> GetHealthAsync(Socket socket, bool keepAlive, string extraHeaders = "")
    {
        using var timeout = new CancellationTokenSource(Patience);
        var request = $"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n{extraHeaders}{(keepAlive ? "" : "Connection: close\r\n")}\r\n";
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, timeout.Token);
        }
        catch (SocketException)
        {
            return "";
        }

        return keepAlive ? await ReadOneResponseAsync(socket, timeout.Token) : await ReadToEndAsync(socket);
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // Closed with a reset: what came before it is the answer.
        }

        return answer.ToString();
    }

    private static async Task<string> ReadOneResponseAsync(Socket socket, CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return answer.ToString();
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var text = answer.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0 && text.Length - end - 4 >= int.Parse(Split(text).Headers["content-length"]))
            {
                return text;
            }
        }
    }

    private static (string Status, Dictionary<string, string> Headers, string Body) Split(string answer)
    {
        var end = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end >= 0, $"no complete head in: {answer}");
        var lines = answer[..end].Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        return (lines[0], headers, answer[(end + 4)..]);
    }
}
