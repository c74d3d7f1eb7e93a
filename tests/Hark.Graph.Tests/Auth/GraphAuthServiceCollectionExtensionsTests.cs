using Hark.Graph.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Tests.Auth;

public sealed class GraphAuthServiceCollectionExtensionsTests(SigningKeyFixture fixture) : IClassFixture<SigningKeyFixture>
{
    [Fact]
    public void AddHarkGraphAuth_OperatorConfiguration_BindsApplicationsAndIssuer()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Hark:PublicBaseUrl"] = "https://hark.example.com/",
            ["Hark:Auth:RecordingTokenLifetime"] = "00:30:00",
            ["Hark:Applications:0:ClientId"] = "bot",
            ["Hark:Applications:0:ClientSecret"] = "s",
            ["Hark:Applications:0:CallbackUri"] = "https://bot.example.com/callback",
            ["Hark:Applications:0:Numbers:0"] = "+15550100",
            ["Hark:Applications:0:Numbers:1"] = "*",
        });

        var app = provider.GetRequiredService<IApplicationDirectory>().Find("bot");

        Assert.NotNull(app);
        Assert.Equal(new Uri("https://bot.example.com/callback"), app.CallbackUri);
        Assert.Equal(["+15550100", "*"], app.Numbers!);
        Assert.Equal(GraphRoles.All, app.GrantedRoles);
        Assert.Equal("https://hark.example.com", provider.GetRequiredService<GraphTokenService>().ConfiguredIssuer);
        Assert.Equal(TimeSpan.FromMinutes(30), provider.GetRequiredService<IOptions<GraphAuthOptions>>().Value.RecordingTokenLifetime);
    }

    [Fact]
    public void AddHarkGraphAuth_SkewOutOfRange_FailsValidation()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Hark:Auth:ClockSkew"] = "01:00:00" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GraphAuthOptions>>().Value);
        Assert.Contains("ClockSkew", ex.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(fixture.Keys);
        services.AddHarkGraphAuth();
        return services.BuildServiceProvider();
    }
}
