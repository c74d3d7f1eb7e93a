using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using Hark.Graph.Contracts;
using Hark.Graph.Errors;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Hark.Host.Http;

/// <summary>
/// <c>Hark:Http:MaxConcurrentConnections</c>, in place of Kestrel's own cap, which closes a connection past it
/// unanswered (an HttpRequestException in the bot). Here a connection past the limit gets an HTTP/1.1 <c>503</c> with
/// <c>Retry-After</c> and a Graph error body, which the Graph SDK's retry handler honours, and is closed; connections
/// already admitted are never touched. A refusal does not count against the limit; it lasts at most
/// <see cref="HeadTimeout"/> + <see cref="LingerTimeout"/> and holds one <see cref="MaxHeadBytes"/> buffer.
/// </summary>
internal sealed class HttpConnectionLimit
{
    /// <summary>What the 503 asks the client to wait, in seconds: a held connection is usually let go within that.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>How much of a refused request's head is read (to answer after it, and to echo its client-request-id).</summary>
    public const int MaxHeadBytes = 8 * 1024;

    /// <summary>Refusals in progress at once; past it a connection over the limit is closed unanswered, as Kestrel did.</summary>
    public const int MaxRefusing = 64;

    private const int MaxLingerBytes = 64 * 1024;
    private const string ServiceNotAvailable = "serviceNotAvailable";
    private const string Message = "Hark has as many HTTP connections open as it may (Hark:Http:MaxConcurrentConnections); retry after the time in Retry-After.";

    private static readonly TimeSpan s_logInterval = TimeSpan.FromMinutes(1);

    private readonly int _limit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Counter<long> _refused;
    private readonly Lock _logGate = new();
    private int _open;
    private int _refusing;
    private DateTimeOffset? _lastLogged;
    private int _suppressed;

    public HttpConnectionLimit(IOptions<HttpOptions> options, TimeProvider time, IMeterFactory meters, ILogger<HttpConnectionLimit> logger)
    {
        _limit = options.Value.MaxConcurrentConnections;
        _time = time;
        _logger = logger;
        _refused = meters.Create(Operations.CallTelemetry.MeterName, HarkApp.Version).CreateCounter<long>(
            "hark.http.refused", "{connection}", "Inbound HTTP connections refused past Hark:Http:MaxConcurrentConnections; tag reason (limit: answered 503, refusing: closed unanswered).");
    }

    /// <summary>How long a refused connection's request head is waited for before the 503 goes out all the same.</summary>
    public static TimeSpan HeadTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>How long, after the 503, the client is given to close first (its unread bytes would make ours a reset).</summary>
    public static TimeSpan LingerTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Puts the limit in front of an endpoint's connections; every endpoint shares the one count.</summary>
    public void Apply(ListenOptions listen) => listen.Use(next => connection => OnConnectionAsync(listen, next, connection));

    private Task OnConnectionAsync(ListenOptions listen, ConnectionDelegate next, ConnectionContext connection) =>
        TryAdmit() ? ServeAsync(next, connection) : RefuseAsync(listen.Protocols, connection);

    private bool TryAdmit()
    {
        var open = Volatile.Read(ref _open);
        while (open < _limit)
        {
            var seen = Interlocked.CompareExchange(ref _open, open + 1, open);
            if (seen == open)
            {
                return true;
            }

            open = seen;
        }

        return false;
    }

    private async Task ServeAsync(ConnectionDelegate next, ConnectionContext connection)
    {
        try
        {
            await next(connection);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private async Task RefuseAsync(HttpProtocols protocols, ConnectionContext connection)
    {
        // Each refusal holds a descriptor and a buffer for up to two seconds: a flood past MaxRefusing is closed at once.
        var answer = Interlocked.Increment(ref _refusing) <= MaxRefusing;
        try
        {
            _refused.Add(1, new KeyValuePair<string, object?>("reason", answer ? "limit" : "refusing"));
            if (ShouldLog(out var suppressed))
            {
                var address = connection.RemoteEndPoint is IPEndPoint remote ? remote.Address.ToString() : connection.RemoteEndPoint?.ToString() ?? "?";
                var outcome = answer ? "answered 503 with Retry-After" : $"closed unanswered, {MaxRefusing} refusals being answered already";
                Log.HttpConnectionRefused(_logger, address, _limit, outcome, suppressed);
            }

            // An endpoint that speaks only HTTP/2 cannot take HTTP/1.1 bytes; it is closed unanswered.
            if (answer && protocols != HttpProtocols.Http2)
            {
                await AnswerAsync(connection);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went first; nothing is owed to it.
        }
        finally
        {
            Interlocked.Decrement(ref _refusing);
        }
    }

    private async Task AnswerAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var head = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
        try
        {
            var (length, ended) = await ReadHeadAsync(input, head);
            var bytes = head.AsSpan(0, length);
            if ((ended && length == 0) || !HttpRequestHead.MayBeHttp1(bytes))
            {
                return;
            }

            var response = Response(HttpRequestHead.IsComplete(bytes) ? HttpRequestHead.ClientRequestId(bytes) : null);
            await connection.Transport.Output.WriteAsync(response);
            if (!ended)
            {
                await LingerAsync(input);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    // Up to MaxHeadBytes or the end of the head, within HeadTimeout; the rest of what arrived (a body) is discarded.
    private async Task<(int Length, bool Ended)> ReadHeadAsync(PipeReader input, byte[] head)
    {
        using var deadline = new CancellationTokenSource(HeadTimeout, _time);
        using var cancel = deadline.Token.UnsafeRegister(static reader => ((PipeReader)reader!).CancelPendingRead(), input);
        var length = 0;
        while (true)
        {
            var result = await input.ReadAsync();
            var take = (int)Math.Min(result.Buffer.Length, MaxHeadBytes - length);
            result.Buffer.Slice(0, take).CopyTo(head.AsSpan(length));
            length += take;
            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return (length, true);
            }

            if (result.IsCanceled || length == MaxHeadBytes || HttpRequestHead.IsComplete(head.AsSpan(0, length)))
            {
                return (length, false);
            }
        }
    }

    // The client reads the 503 and closes. Closing first with its bytes unread would make the kernel send a reset,
    // which can destroy the 503 before the client reads it; so wait for the client's close, briefly and bounded.
    private async Task LingerAsync(PipeReader input)
    {
        using var deadline = new CancellationTokenSource(LingerTimeout, _time);
        using var cancel = deadline.Token.UnsafeRegister(static reader => ((PipeReader)reader!).CancelPendingRead(), input);
        long discarded = 0;

        // A read cancelled by the head's deadline, just after the head came, is not this one's: the loop goes on.
        while (!deadline.IsCancellationRequested && discarded < MaxLingerBytes)
        {
            var result = await input.ReadAsync();
            discarded += result.Buffer.Length;
            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private byte[] Response(string? clientRequestId)
    {
        var requestId = Guid.NewGuid().ToString("D");
        clientRequestId ??= requestId;
        var now = _time.GetUtcNow();
        var body = JsonSerializer.SerializeToUtf8Bytes(
            GraphError.Create(StatusCodes.Status503ServiceUnavailable, ServiceNotAvailable, Message).CreateBody(requestId, clientRequestId, now),
            GraphJsonContext.Default.GraphErrorBody);
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 503 Service Unavailable\r\nDate: {now:r}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n" +
            $"Retry-After: {RetryAfterSeconds}\r\nConnection: close\r\n{GraphRequestIds.RequestIdHeader}: {requestId}\r\n" +
            $"{GraphRequestIds.ClientRequestIdHeader}: {clientRequestId}\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    // One warning a minute for the whole process, with how many were refused meanwhile: the limit is the process's.
    private bool ShouldLog(out int suppressed)
    {
        var now = _time.GetUtcNow();
        lock (_logGate)
        {
            if (_lastLogged is { } last && now - last < s_logInterval)
            {
                _suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = _suppressed;
            _suppressed = 0;
            _lastLogged = now;
            return true;
        }
    }
}
