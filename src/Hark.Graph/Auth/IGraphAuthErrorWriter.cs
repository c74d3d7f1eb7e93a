using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Auth;

/// <summary>
/// Seam to the one Graph error writer: turns an authentication or authorization failure into the Graph-shaped
/// response (<c>{"error":{"code","message","innerError":{...}}}</c>). The <c>WWW-Authenticate</c> header is
/// already set on 401s when this is called.
/// </summary>
public interface IGraphAuthErrorWriter
{
    IResult Create(HttpContext context, GraphAuthFailure failure);
}
