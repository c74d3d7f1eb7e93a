namespace Hark.Host.Operations;

/// <summary>One operator allowed into <c>/hark/v1/admin</c> and <c>/metrics</c> (<c>Hark:Operators:N:*</c>).</summary>
public sealed class OperatorCredential
{
    public string Name { get; set; } = "";

    /// <summary>Sent as <c>Authorization: Bearer {Key}</c>; at least 16 characters.</summary>
    public string Key { get; set; } = "";
}
