using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>
/// Graph <c>identitySet</c> with the <c>communicationsIdentitySet</c> keys read in place: the docs put
/// <c>phone</c> and <c>applicationInstance</c> directly in an identitySet (it is an open type).
/// </summary>
public sealed record IdentitySet
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-10)]
    public string? OdataType { get; init; }

    public Identity? Application { get; init; }

    public Identity? ApplicationInstance { get; init; }

    public Identity? Device { get; init; }

    public Identity? User { get; init; }

    public Identity? Phone { get; init; }

    public Identity? Guest { get; init; }

    public Identity? Encrypted { get; init; }

    public Identity? OnPremises { get; init; }

    public Identity? AzureCommunicationServicesUser { get; init; }

    public Identity? AssertedIdentity { get; init; }
}
