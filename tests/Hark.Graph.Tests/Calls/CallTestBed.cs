using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Graph.Auth;
using Hark.Graph.Calls;
using Hark.Graph.Tests.Auth;
using Hark.Graph.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Calls;

/// <summary>A <see cref="GraphCall"/> over in-memory storage and a fake transport, ready to drive.</summary>
internal sealed class CallTestBed : IAsyncDisposable
{
    public const string AppCallback = "https://bot.example.com/app";
    private readonly CancellationTokenSource _stop = new();

    public CallTestBed(SigningKeyStore keys, GraphLimitsOptions? limits = null, CallOptions? calls = null, TimeProvider? time = null)
    {
        Tokens = new RecordingAccessTokens(keys, Options.Create(new GraphAuthOptions()), TimeProvider.System);
        Services = new GraphCallServices(
            Store, Store, Store, Tokens, Prompts, time ?? TimeProvider.System, NullLoggerFactory.Instance,
            CallMediaOptions.Default with { ComfortNoiseLevelDbfs = null }, CallLifecycleOptions.Default, limits ?? new GraphLimitsOptions())
        {
            Calls = calls ?? new CallOptions(),
        };
        Call = GraphCall.Offer(
            new CallInfo
            {
                Id = Guid.NewGuid().ToString(),
                ApplicationId = "bot",
                TenantId = "tenant",
                Direction = CallDirection.Incoming,
                RemoteNumber = "+15550100",
                CreatedAt = (time ?? TimeProvider.System).GetUtcNow(),
                CallbackUri = AppCallback,
                BaseUrl = "http://hark.test",
            },
            Services,
            Transport);
        _ = Call.StartAsync(_stop.Token);
    }

    public InMemoryCallStore Store { get; } = new();

    public FakeTransport Transport { get; } = new();

    public FakePromptLoader Prompts { get; } = new();

    public RecordingAccessTokens Tokens { get; }

    public GraphCallServices Services { get; }

    public GraphCall Call { get; }

    public async Task AnswerAsync(string callbackUri = "https://bot.example.com/call")
    {
        Assert.Equal(CallCommandError.None, await Call.AnswerAsync(callbackUri, "http://hark.test", []));
        await Store.WaitForNotificationAsync("\"state\":\"established\"");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
