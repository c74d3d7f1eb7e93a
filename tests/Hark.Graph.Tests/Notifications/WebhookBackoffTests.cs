using Hark.Graph.Notifications;

namespace Hark.Graph.Tests.Notifications;

public sealed class WebhookBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    public void Delay_NoJitter_DoublesFromTheInitialBackoff(int attempts, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WebhookBackoff.Delay(attempts, Initial, Max, random: 0));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(64)]
    [InlineData(100)]
    public void Delay_ManyAttempts_CappedAtMaxBackoff(int attempts)
    {
        Assert.Equal(Max, WebhookBackoff.Delay(attempts, Initial, Max, random: 0));
    }

    [Theory]
    [InlineData(0.5, 1900)]
    [InlineData(0.999999, 1800)]
    public void Delay_Jitter_TakesOffAtMostATenth(double random, int expectedMilliseconds)
    {
        var delay = WebhookBackoff.Delay(2, TimeSpan.FromSeconds(1), Max, random);

        Assert.Equal(expectedMilliseconds, delay.TotalMilliseconds, tolerance: 0.5);
    }

    [Fact]
    public void Delay_CappedWithJitter_NeverExceedsMaxBackoff()
    {
        Assert.InRange(WebhookBackoff.Delay(30, Initial, Max, random: 0.3), Max * 0.9, Max);
    }
}
