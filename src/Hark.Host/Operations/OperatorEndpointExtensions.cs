using Hark.Graph.Errors;

namespace Hark.Host.Operations;

internal static class OperatorEndpointExtensions
{
    /// <summary>The endpoints answer only requests carrying an operator credential (an application's token is not one).</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder, Func<HttpContext, bool>? exempt = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (exempt?.Invoke(http) == true || http.RequestServices.GetRequiredService<OperatorDirectory>().Authenticate(http) is not null)
            {
                return await next(context);
            }

            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"hark-operator\"";
            return Refusal();
        });

    public static GraphErrorResult Refusal() =>
        GraphError.Unauthorized("An operator credential is required (Authorization: Bearer <Hark:Operators:N:Key>); application tokens are not accepted here.");
}
