using Hark.Graph.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Tests.Auth;

public sealed class GraphAuthorizationFilterTests(SigningKeyFixture fixture) : IClassFixture<SigningKeyFixture>
{
    private const string Issuer = "http://hark.test";

    [Fact]
    public async Task InvokeAsync_MissingRole_AnswersThroughRegisteredWriterWithoutRunningHandler()
    {
        using var provider = Services(out var writer);
        var context = Context(provider, Token(provider, GraphRoles.InitiateAll));

        var (result, handlerRan) = await InvokeAsync(context, GraphRoles.AccessMediaAll);

        Assert.False(handlerRan);
        Assert.Same(writer.Result, result);
        Assert.Equal(StatusCodes.Status403Forbidden, writer.Failure!.StatusCode);
        Assert.Equal(TokenValidationError.None, writer.Failure.Reason);
    }

    [Fact]
    public async Task InvokeAsync_UnusableToken_401ThroughWriterWithChallenge()
    {
        using var provider = Services(out var writer);
        var context = Context(provider, "e30.e30.AAAA");

        var (_, handlerRan) = await InvokeAsync(context, GraphRoles.AccessMediaAll);

        Assert.False(handlerRan);
        Assert.Equal(StatusCodes.Status401Unauthorized, writer.Failure!.StatusCode);
        Assert.Equal(TokenValidationError.UnsupportedAlgorithm, writer.Failure.Reason);
        Assert.StartsWith("Bearer", context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_AnyListedRole_RunsHandlerWithApplication()
    {
        using var provider = Services(out var writer);
        var context = Context(provider, Token(provider, GraphRoles.InitiateAll));

        var (result, handlerRan) = await InvokeAsync(context, GraphRoles.AccessMediaAll, GraphRoles.InitiateAll);

        Assert.True(handlerRan);
        Assert.Equal("handled", result);
        Assert.Null(writer.Failure);
        Assert.Equal("app", context.GetGraphApplication()!.ClientId);
    }

    private ServiceProvider Services(out CapturingWriter writer)
    {
        writer = new CapturingWriter();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IGraphAuthErrorWriter>(writer);
        services.AddSingleton(fixture.Keys);

        // Tokens count only for configured applications.
        services.AddSingleton<IApplicationDirectory>(new ConfiguredApplicationDirectory([new ApplicationRegistration { ClientId = "app", ClientSecret = "s" }]));
        services.AddHarkGraphAuth();
        return services.BuildServiceProvider();
    }

    private static string Token(IServiceProvider provider, params string[] roles) =>
        provider.GetRequiredService<GraphTokenService>()
            .IssueAccessToken(new ApplicationRegistration { ClientId = "app", Roles = roles }, Issuer, GraphTokenService.GraphAudience).Value;

    private static DefaultHttpContext Context(IServiceProvider provider, string token)
    {
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("hark.test");
        context.Request.Headers.Authorization = "Bearer " + token;
        return context;
    }

    private static async Task<(object? Result, bool HandlerRan)> InvokeAsync(HttpContext context, params string[] roles)
    {
        var handlerRan = false;
        var filter = new GraphAuthorizationFilter(roles);
        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ =>
        {
            handlerRan = true;
            return ValueTask.FromResult<object?>("handled");
        });
        return (result, handlerRan);
    }

    private sealed class CapturingWriter : IGraphAuthErrorWriter
    {
        public IResult Result { get; } = Results.StatusCode(599);

        public GraphAuthFailure? Failure { get; private set; }

        public IResult Create(HttpContext context, GraphAuthFailure failure)
        {
            Failure = failure;
            return Result;
        }
    }
}
