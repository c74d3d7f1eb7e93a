using System.Net;
using System.Net.Sockets;
using System.Text;
using Hark.Host.Tests.Operations;
using Microsoft.Extensions.Options;

namespace Hark.Host.Tests.Security;

/// <summary><c>Hark:Http:MaxConcurrentConnections</c> on the real host: past it Kestrel closes a new connection unanswered.</summary>
public sealed class HttpConnectionLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Connect_PastMaxConcurrentConnections_ClosedUnansweredHeldOnesServedAndAdmittedOnceOneCloses()
    {
        await using var hark = await TestHark.StartAsync(callbackUri: null, "--Hark:Http:MaxConcurrentConnections=2");
        var port = new Uri(hark.BaseUrl).Port;
        var first = await ConnectAsync(port);
        using var second = await ConnectAsync(port);

        // The two held connections are the limit: a third is closed without an answer.
        using (var third = await ConnectAsync(port))
        {
            Assert.Equal("", await GetHealthAsync(third));
        }

        // One held connection closes; once Kestrel has seen it go, a new connection is served.
        first.Dispose();
        var deadline = DateTime.UtcNow + Patience;
        string answer;
        do
        {
            using var next = await ConnectAsync(port);
            answer = await GetHealthAsync(next);
        }
        while (!answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await GetHealthAsync(second), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Start_MaxConcurrentConnectionsOutOfRange_RefusedNamingTheKey(string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHark.StartAsync(callbackUri: null, $"--Hark:Http:MaxConcurrentConnections={value}"));
        Assert.Contains("MaxConcurrentConnections", error.Message, StringComparison.Ordinal);
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    // GET /healthz with Connection: close, read to the end: the whole answer, or "" when the connection was closed
    // (or reset) without one.
    private static async Task<string> GetHealthAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            await socket.SendAsync("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // Closed with a reset: no answer.
        }

        return answer.ToString();
    }
}
