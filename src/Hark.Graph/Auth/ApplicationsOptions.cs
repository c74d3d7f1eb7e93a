namespace Hark.Graph.Auth;

/// <summary>The configured applications; bound from the <c>Hark:Applications</c> array.</summary>
public sealed class ApplicationsOptions
{
    public const string SectionName = "Hark:Applications";

    public IList<ApplicationRegistration> Registrations { get; } = new List<ApplicationRegistration>();
}
