namespace Hark.Sdp;

/// <summary>An a= line: <c>a=name</c> (a property, <see cref="Value"/> null) or <c>a=name:value</c>.</summary>
/// <param name="Name">The attribute name, as written.</param>
/// <param name="Value">The text after the first ':', or null for a property attribute.</param>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>True when <see cref="Name"/> equals <paramref name="name"/>, ignoring case.</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => Value is null ? $"a={Name}" : $"a={Name}:{Value}";
}
