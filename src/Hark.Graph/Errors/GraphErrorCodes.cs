namespace Hark.Graph.Errors;

/// <summary>The <c>error.code</c> values Hark sends, spelled as Graph spells them.</summary>
public static class GraphErrorCodes
{
    public const string BadRequest = "BadRequest";
    public const string InvalidRequest = "InvalidRequest";
    public const string InvalidAuthenticationToken = "InvalidAuthenticationToken";
    public const string Forbidden = "Forbidden";
    public const string ItemNotFound = "itemNotFound";

    /// <summary>What the calling service answers for an unknown or ended call (seen in real traffic).</summary>
    public const string CallNotFound = "8522";
    public const string UnknownError = "UnknownError";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string RequestTooLarge = "RequestEntityTooLarge";

    /// <summary>A method the resource does not offer (reading the calls collection, which Graph has no list of).</summary>
    public const string MethodNotAllowed = "MethodNotAllowed";
}
