using Hark.Graph.Outbound;
using System.Buffers;
using System.Globalization;
using System.Net;

namespace Hark.Graph.Prompts;

/// <summary>Gets a prompt file's bytes from an http(s) or data: URI, within the size and time limits.</summary>
#pragma warning disable CA1001 // The semaphore is never waited on with a wait handle (WaitAsync only), so there is nothing to dispose.
internal sealed class PromptFetcher
#pragma warning restore CA1001
{
    /// <summary>Redirects followed before giving up.</summary>
    public const int MaxRedirects = 5;

    private readonly Func<HttpClient> _client;
    private readonly PromptOptions _options;
    private readonly TimeProvider _timeProvider;

    // Fetches over the network in flight, all calls together: a bot cannot open sockets without bound.
    private readonly SemaphoreSlim _slots;

    public PromptFetcher(Func<HttpClient> client, PromptOptions options, TimeProvider timeProvider)
    {
        _client = client;
        _options = options;
        _timeProvider = timeProvider;
        _slots = new SemaphoreSlim(options.MaxConcurrentFetches, options.MaxConcurrentFetches);
    }

    private int _waiting;

    /// <summary>Network fetches that hold a slot now.</summary>
    public int InFlight => _options.MaxConcurrentFetches - _slots.CurrentCount;

    /// <summary>Network fetches waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The file's bytes; <see cref="PromptLoadException"/> for every way the URI can fail.</summary>
    public async Task<byte[]> FetchAsync(string uri, CancellationToken cancellationToken)
    {
        if (uri.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return PromptDataUri.Decode(uri, _options.MaxBytes);
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw new PromptLoadException(uri, "not an absolute URI", null);
        }

        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            throw new PromptLoadException(uri, "unsupported scheme " + parsed.Scheme, null);
        }

        // The wait for a slot counts against the fetch's time, so a flood of slow servers delays others by at most that.
        using var timeout = new CancellationTokenSource(_options.FetchTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var holding = false;
        try
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(linked.Token);
                holding = true;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            return await DownloadAsync(uri, parsed, linked.Token);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PromptLoadException(uri, "timed out after " + Seconds(_options.FetchTimeout), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PromptLoadException(uri, RequestFailure(ex), ex);
        }
        catch (IOException ex)
        {
            throw new PromptLoadException(uri, "the download broke off: " + ex.Message.TrimEnd('.'), ex);
        }
        finally
        {
            if (holding)
            {
                _slots.Release();
            }
        }
    }

    private async Task<byte[]> DownloadAsync(string uri, Uri parsed, CancellationToken cancellationToken)
    {
        using var client = _client();
        using var response = await SendFollowingRedirectsAsync(client, uri, parsed, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PromptLoadException(uri, StatusFailure(response), null);
        }

        // Content-Length may only shorten the wait for a refusal; the count below is what is enforced.
        var declared = response.Content.Headers.ContentLength;
        if (declared > _options.MaxBytes)
        {
            throw new PromptLoadException(uri, $"larger than {PromptSize.Format(_options.MaxBytes)}", null);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new ArrayBufferWriter<byte>((int)(declared ?? 64 * 1024) + 1);
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > _options.MaxBytes)
            {
                throw new PromptLoadException(uri, $"larger than {PromptSize.Format(_options.MaxBytes)}", null);
            }
        }
    }

    // Redirects are followed here, not by the handler: the handler would follow a Location of any scheme
    // (it sends HTTP to ftp://host's port 21), and here each hop's scheme is checked and the failure named.
    // Every hop still connects through OutboundConnector, so its address is checked as well.
    private static async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpClient client, string uri, Uri target, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            var code = (int)response.StatusCode;
            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(target, location);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            {
                throw new PromptLoadException(uri, $"redirected to unsupported scheme {next.Scheme} (HTTP {code})", null);
            }

            if (target.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
            {
                throw new PromptLoadException(uri, $"redirected from https to http, which is not followed (HTTP {code})", null);
            }

            if (hop == MaxRedirects)
            {
                throw new PromptLoadException(uri, $"too many redirects (more than {MaxRedirects})", null);
            }

            target = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static string StatusFailure(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => "not found (HTTP 404)",
            HttpStatusCode.Gone => "gone (HTTP 410)",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"access denied (HTTP {code})",
            _ => $"the server answered HTTP {code}" + (response.ReasonPhrase is { Length: > 0 } phrase ? $" ({phrase})" : ""),
        };
    }

    private static string RequestFailure(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundConnectException refused)
            {
                return refused.Message;
            }
        }

        var innermost = ex.GetBaseException();
        return "the request failed: " + innermost.Message.TrimEnd('.');
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
