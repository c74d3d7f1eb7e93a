using Hark.Calls.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hark.Storage.Tests;

/// <summary>Builders for stored rows and stores over a temp folder.</summary>
internal static class StorageTestData
{
    // Sub-millisecond ticks and a non-UTC offset: the store must keep the instant exactly.
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    public static SqliteCallStore OpenStore(string directory, TimeProvider? time = null) =>
        new(Options.Create(new StorageOptions { DataDirectory = directory }), time ?? new ManualTimeProvider(T0),
            NullLogger<SqliteCallStore>.Instance);

    public static FileRecordingStore OpenRecordings(string directory) =>
        new(Options.Create(new StorageOptions { DataDirectory = directory }));

    public static StoredCall Call(string id, DateTimeOffset? endedAt = null, string state = "established") =>
        new(id, "app-1", state, $$"""{"id":"{{id}}","state":"{{state}}"}""", T0, endedAt);

    public static StoredOperation Operation(string callId, string id, string status = "running") =>
        new(callId, id, status, $$"""{"id":"{{id}}","status":"{{status}}"}""", T0.AddSeconds(1));

    public static StoredRecording Recording(string id, string callId) =>
        new(id, callId, "op-" + id, 16000, 48_000, T0.AddSeconds(2));

    public static OutboxMessage Message(string id, string callId, DateTimeOffset? createdAt = null) =>
        new(id, callId, "app-1", "https://bot.example/callback", $$"""{"value":["{{id}}"]}""", createdAt ?? T0);

    public static CallStateChange Notifications(params OutboxMessage[] messages) => new() { Notifications = messages };
}
