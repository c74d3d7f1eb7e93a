namespace Hark.Sdp;

/// <summary>A b= line such as <c>b=AS:64</c>.</summary>
/// <param name="Type">The bandwidth type (CT, AS, TIAS, ...).</param>
/// <param name="Value">The value after the ':', kept as text.</param>
public sealed record SdpBandwidth(string Type, string Value)
{
    /// <inheritdoc/>
    public override string ToString() => $"b={Type}:{Value}";
}
