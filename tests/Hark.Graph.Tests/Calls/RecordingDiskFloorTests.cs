using Hark.Calls.Persistence;
using Hark.Graph.Calls;
using Hark.Graph.Tests.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Tests.Calls;

/// <summary>A new record is refused, Graph-shaped, while the recordings' disk is below Hark:Health:MinFreeDiskMegabytes.</summary>
public sealed class RecordingDiskFloorTests(SigningKeyFixture keys) : IClassFixture<SigningKeyFixture>
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(255, 256, 507)]
    [InlineData(256, 256, 0)]
    [InlineData(1, 0, 0)]
    public async Task RecordingDiskFull_FreeSpaceAgainstTheFloor_507BelowIt(long freeMiB, long floorMiB, int status)
    {
        await using var bed = new CallTestBed(keys.Keys);
        var services = bed.Services with { Recordings = new SizedStore(freeMiB * MiB) };
        services = services with { MinFreeRecordingBytes = floorMiB * MiB };
        var context = Context(services);

        var refusal = CallHandlers.RecordingDiskFull(context);

        Assert.Equal(status, refusal?.StatusCode ?? 0);
        if (refusal is not null)
        {
            Assert.Equal("insufficientStorage", refusal.Code);
            Assert.Contains("Hark:Health:MinFreeDiskMegabytes", refusal.Message, StringComparison.Ordinal);
            await refusal.ExecuteAsync(context);
            context.Response.Body.Position = 0;
            var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
            Assert.StartsWith("{\"error\":{\"code\":\"insufficientStorage\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RecordingDiskFull_StoreCannotTell_NotRefused()
    {
        await using var bed = new CallTestBed(keys.Keys);
        var services = bed.Services with { Recordings = new SizedStore(null), MinFreeRecordingBytes = 256 * MiB };

        Assert.Null(CallHandlers.RecordingDiskFull(Context(services)));
    }

    private static DefaultHttpContext Context(GraphCallServices services) => new()
    {
        RequestServices = new ServiceCollection().AddSingleton(services).BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };

    private sealed class SizedStore(long? available) : IRecordingStore
    {
        public long? AvailableBytes => available;

        public Stream Create(string recordingId) => throw new NotSupportedException();

        public Stream? OpenRead(string recordingId) => null;

        public void Delete(string recordingId)
        {
        }
    }
}
