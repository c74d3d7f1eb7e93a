using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace Hark.Host.Tests.Security;

/// <summary>
/// The real hark as a child process with its descriptor limit lowered (prlimit) to a little above what it holds plus
/// its descriptor reserve: SIP TCP connections past the reserve are closed on accept and logged, the process never runs
/// out (no EMFILE, so the runtime can still start threads), HTTP keeps working meanwhile, and SIP TCP serves again
/// once the connections are gone.
/// </summary>
public sealed class DescriptorExhaustionTests(ITestOutputHelper output) : IDisposable
{
    // Hark:Sip:Limits:DescriptorReserve's default; below a limit of 1024 a quarter of the limit is kept instead.
    private const int DefaultReserve = 256;

    // Connections SIP TCP may take above what hark holds when the limit is lowered.
    private const int Room = 100;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hark-emfile-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task TcpAccept_DescriptorsNearTheLimit_RefusedPastTheReserveWhileHttpServesAndSipServesAgainOnceFreed()
    {
        var sipPort = HarkProcess.FreeTcpPort();
        await using var hark = new HarkProcess(
            _dataDirectory, $"--Hark:Sip:Port={sipPort}", "--Hark:Sip:Limits:MaxTcpConnectionsPerAddress=2000",
            "--Hark:Sip:Limits:MaxTcpConnections=4000", "--Hark:Sip:Limits:TcpMessageTimeoutSeconds=120");
        await hark.StartAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(200, await OptionsOverTcpAsync(sipPort));
        var started = Stopwatch.StartNew();

        // The limit that leaves Room connections between what hark holds and the reserve: limit - kept - open = Room.
        var open = Descriptors(hark);
        var limit = (open + Room) * 4 / 3;
        if (limit >= 4 * DefaultReserve)
        {
            limit = open + Room + DefaultReserve;
        }

        var kept = Math.Min(DefaultReserve, limit / 4);
        await RunAsync("prlimit", $"--pid={hark.ProcessId}", $"--nofile={limit}:{limit}");
        var clients = new List<Socket>();
        try
        {
            // One connection at a time, each waited on until hark has held it (the kernel's table shows it accepted) or
            // closed it: 400 connects at once overflow the listen backlog on a busy machine and prove nothing. Twenty
            // closed ones show the refusal is steady.
            var closed = 0;
            for (var i = 0; i < 400 && closed < 20; i++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                clients.Add(client);
                await client.ConnectAsync(IPAddress.Loopback, sipPort);
                var clientPort = ((IPEndPoint)client.LocalEndPoint!).Port;
                await EventuallyAsync(() => ClosedByHark(client) || Accepted(sipPort, clientPort), $"connection {i + 1} held or closed");
                closed += ClosedByHark(client) ? 1 : 0;
            }

            await EventuallyAsync(() => hark.Output.Contains("descriptors in use", StringComparison.Ordinal), "the refusal in hark's log");

            // Counted once every connection has settled: a refused one may have looked accepted for an instant.
            var refused = clients.Count(ClosedByHark);
            var held = clients.Count - refused;
            var inUse = Descriptors(hark);
            output.WriteLine($"limit {limit} (kept {kept}), {open} open before; {held} connections held, {refused} refused; {inUse} open then");
            Assert.InRange(held, Room / 2, Room + 10);
            Assert.True(refused >= 20, $"{refused} refused");

            // What the reserve is for: with SIP TCP refused, HTTP (a burst that needs new connections and threads) still
            // gets descriptors.
            using var http = new HttpClient();
            var statuses = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
            {
                using var response = await http.GetAsync(hark.BaseUrl + "/healthz");
                return response.StatusCode;
            }));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
            Assert.True(limit - inUse >= kept / 2, $"{limit - inUse} descriptors free of the {kept} kept");
            Assert.False(hark.HasExited, "hark exited");
        }
        catch
        {
            // What hark logged says why it neither held nor closed a connection, or what ended it.
            output.WriteLine(hark.Output);
            throw;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        // Connections gone (hark notices and drops them; a new count finds room): SIP over TCP and HTTP answer.
        try
        {
            await EventuallyAsync(async () => await TryOptionsAsync(sipPort) == 200, "an OPTIONS answered after the connections closed");
        }
        catch
        {
            output.WriteLine(hark.Output);
            throw;
        }

        using var client2 = new HttpClient();
        using var health = await client2.GetAsync(hark.BaseUrl + "/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // Never out of descriptors: the EMFILE path (4105) stayed quiet. The refusal is warned once a minute.
        var lines = hark.Output.Split('\n');
        Assert.DoesNotContain(lines, l => l.Contains("accepting failed", StringComparison.Ordinal));
        Assert.InRange(lines.Count(l => l.Contains("descriptors in use", StringComparison.Ordinal)), 1, 1 + (int)started.Elapsed.TotalMinutes);
    }

    private static int Descriptors(HarkProcess hark) => Directory.GetFiles($"/proc/{hark.ProcessId}/fd").Length;

    // Hark closed the connection (end of stream or a reset): it refused it.
    private static bool ClosedByHark(Socket client)
    {
        try
        {
            return client.Poll(0, SelectMode.SelectRead) && client.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    // Whether the server side of the connection from clientPort to serverPort has been accepted: in /proc/net/tcp a
    // connection still waiting in the listen backlog has no inode (column 10 is 0) until accept gives it a descriptor.
    private static bool Accepted(int serverPort, int clientPort)
    {
        var local = $":{serverPort:X4}";
        var remote = $":{clientPort:X4}";
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[1].EndsWith(local, StringComparison.Ordinal) && fields[2].EndsWith(remote, StringComparison.Ordinal))
            {
                return fields[9] != "0";
            }
        }

        return false;
    }

    private static async Task<int?> TryOptionsAsync(int port)
    {
        try
        {
            return await OptionsOverTcpAsync(port);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<int> OptionsOverTcpAsync(int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var request =
            $"OPTIONS sip:hark@127.0.0.1:{port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/TCP 127.0.0.1:{local.Port};branch=z9hG4bK{Guid.NewGuid():N}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:probe@127.0.0.1>;tag={Guid.NewGuid():N}\r\n" +
            $"To: <sip:hark@127.0.0.1:{port}>\r\n" +
            $"Call-ID: {Guid.NewGuid():N}@127.0.0.1\r\n" +
            "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, timeout.Token);
        var buffer = new byte[4096];
        var received = 0;
        while (!Encoding.ASCII.GetString(buffer, 0, received).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new IOException("connection closed before a response");
            }

            received += read;
        }

        return int.Parse(Encoding.ASCII.GetString(buffer, 0, received).Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
    }

    // Deadlines only guard against a hang.
    private static Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }
}
