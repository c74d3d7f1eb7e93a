using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hark.Integration.Harness;

/// <summary>The virtual caller's HTTP API (/hark/v1/simulator/calls), with an application token.</summary>
public sealed class SimulatorClient(HttpClient http, Uri harkBase, Func<string> token)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Dials: 201 with the simulator id and the Graph call id.</summary>
    public async Task<SimulatorCall> StartAsync(IEnumerable<JsonObject> script, string to = "+15551234", string from = "+15550100")
    {
        var body = new JsonObject { ["to"] = to, ["from"] = from, ["script"] = new JsonArray([.. script]) };
        using var response = await SendAsync(HttpMethod.Post, "", JsonContent.Create(body));
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<SimulatorCall>(Json))!;
    }

    public async Task<SimulatorCall> GetAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, id, null);
        await EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<SimulatorCall>(Json))!;
    }

    /// <summary>Everything the caller heard, as a WAV.</summary>
    public async Task<byte[]> GetHeardAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, id + "/heard", null);
        await EnsureAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The caller hangs up.</summary>
    public async Task HangUpAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Delete, id, null);
        await EnsureAsync(response, HttpStatusCode.NoContent);
    }

    /// <summary>
    /// Polls until an event of <paramref name="kind"/> shows (the API has no push channel); returns the
    /// call as it was then.
    /// </summary>
    public async Task<SimulatorCall> WaitForEventAsync(string id, string kind, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        SimulatorCall? last = null;
        try
        {
            do
            {
                last = await GetAsync(id);
                if (last.Events?.Any(e => string.Equals(e.Kind, kind, StringComparison.OrdinalIgnoreCase)) == true)
                {
                    return last;
                }
            }
            while (await timer.WaitForNextTickAsync(cts.Token));
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"Simulator call {id}: no '{kind}' event within {timeout.TotalSeconds} s; state {last?.State}, events: "
            + string.Join(", ", last?.Events?.Select(e => $"{e.Kind}@{e.AtSeconds}") ?? []));
    }

    /// <summary>Polls until the simulator call reaches <paramref name="state"/>.</summary>
    public async Task<SimulatorCall> WaitForStateAsync(string id, string state, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        SimulatorCall? last = null;
        try
        {
            do
            {
                last = await GetAsync(id);
                if (string.Equals(last.State, state, StringComparison.OrdinalIgnoreCase))
                {
                    return last;
                }
            }
            while (await timer.WaitForNextTickAsync(cts.Token));
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"Simulator call {id} not '{state}' within {timeout.TotalSeconds} s; it is {last?.State}.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(harkBase, "/hark/v1/simulator/calls" + (path.Length > 0 ? "/" + path : "")))
        {
            Content = content,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token());
        return await http.SendAsync(request);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        }
    }
}
