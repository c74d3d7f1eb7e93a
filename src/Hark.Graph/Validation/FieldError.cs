namespace Hark.Graph.Validation;

/// <summary>
/// One thing wrong with a request body. <see cref="Path"/> is the JSON path without the leading
/// <c>$</c> (<c>prompts[0].mediaInfo.uri</c>; empty for the body itself); <see cref="Message"/> is a
/// whole sentence that names the field, because SDK users see only the message.
/// </summary>
public sealed record FieldError(string Path, string Message);
