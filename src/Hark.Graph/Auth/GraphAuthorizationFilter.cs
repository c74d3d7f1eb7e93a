using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Graph.Auth;

/// <summary>Endpoint filter form of <see cref="GraphRequestAuthentication.Authenticate"/>.</summary>
internal sealed class GraphAuthorizationFilter(string[] anyOfRoles) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var (_, failure) = GraphRequestAuthentication.Authenticate(context.HttpContext, anyOfRoles);
        if (failure is not null)
        {
            return context.HttpContext.RequestServices.GetRequiredService<IGraphAuthErrorWriter>().Create(context.HttpContext, failure);
        }

        return await next(context);
    }
}
