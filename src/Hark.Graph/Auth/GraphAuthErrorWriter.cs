using Hark.Graph.Errors;
using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Auth;

/// <summary>Answers authentication and role failures with the one Graph error body (<see cref="GraphError"/>).</summary>
internal sealed class GraphAuthErrorWriter : IGraphAuthErrorWriter
{
    public IResult Create(HttpContext context, GraphAuthFailure failure) =>
        GraphError.Create(failure.StatusCode, failure.Code, failure.Message);
}
