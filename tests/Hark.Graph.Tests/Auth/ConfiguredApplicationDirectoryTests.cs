using Hark.Graph.Auth;

namespace Hark.Graph.Tests.Auth;

public sealed class ConfiguredApplicationDirectoryTests
{
    private static ConfiguredApplicationDirectory Directory() => new(
    [
        new ApplicationRegistration { ClientId = "A1B2", ClientSecret = "right" },
        new ApplicationRegistration { ClientId = "no-secret", ClientSecret = "" },
    ]);

    [Fact]
    public void TryAuthenticate_RightSecret_ReturnsApplication()
    {
        Assert.True(Directory().TryAuthenticate("a1b2", "right", out var app));
        Assert.Equal("A1B2", app.ClientId);
    }

    [Theory]
    [InlineData("A1B2", "wrong")]
    [InlineData("A1B2", "righ")]
    [InlineData("A1B2", "")]
    [InlineData("unknown", "right")]
    [InlineData("no-secret", "")]
    public void TryAuthenticate_Otherwise_Fails(string clientId, string secret)
    {
        Assert.False(Directory().TryAuthenticate(clientId, secret, out var app));
        Assert.Null(app);
    }

    [Fact]
    public void Constructor_DuplicateClientId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ConfiguredApplicationDirectory(
            [new ApplicationRegistration { ClientId = "x" }, new ApplicationRegistration { ClientId = "X" }]));
    }

    [Fact]
    public void GrantedRoles_NoneConfigured_AllRoles()
    {
        Assert.Equal(GraphRoles.All, new ApplicationRegistration().GrantedRoles);
        Assert.Equal([GraphRoles.InitiateAll], new ApplicationRegistration { Roles = [GraphRoles.InitiateAll] }.GrantedRoles);
    }

    [Theory]
    [InlineData("+15551234", "exact")]
    [InlineData("+15559999", "catch-all")]
    [InlineData("SALES", "exact")]
    public void Route_Number_ExactListingBeatsCatchAll(string number, string expected)
    {
        var directory = new ConfiguredApplicationDirectory(
        [
            new ApplicationRegistration { ClientId = "catch-all", ClientSecret = "s", Numbers = ["*"] },
            new ApplicationRegistration { ClientId = "exact", ClientSecret = "s", Numbers = ["+15551234", "sales"] },
        ]);

        Assert.Equal(expected, directory.Route(number)?.ClientId);
    }

    [Fact]
    public void Route_NoApplicationTakesNumber_Null()
    {
        var directory = new ConfiguredApplicationDirectory([new ApplicationRegistration { ClientId = "a", ClientSecret = "s", Numbers = ["100"] }]);

        Assert.Null(directory.Route("200"));
    }
}
