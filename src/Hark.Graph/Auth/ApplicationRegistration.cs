namespace Hark.Graph.Auth;

/// <summary>
/// One bot application allowed to call Hark (<c>Hark:Applications:N:*</c>).
/// Settable properties so the configuration binder can fill it.
/// </summary>
public sealed class ApplicationRegistration
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Where the application's notifications go unless a call sets its own callbackUri.</summary>
    public Uri? CallbackUri { get; set; }

    /// <summary>
    /// Granted roles. Null or empty means <see cref="GraphRoles.All"/>: the binder appends to array
    /// defaults instead of replacing them, so the default lives in <see cref="GrantedRoles"/>.
    /// </summary>
    public string[]? Roles { get; set; }

    /// <summary>Numbers or SIP user parts routed to this application; <c>*</c> catches all.</summary>
    public string[]? Numbers { get; set; }

    /// <summary>The roles that go into the application's tokens.</summary>
    public IReadOnlyList<string> GrantedRoles => Roles is { Length: > 0 } roles ? roles : GraphRoles.All;
}
