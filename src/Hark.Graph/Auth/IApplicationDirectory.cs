using System.Diagnostics.CodeAnalysis;

namespace Hark.Graph.Auth;

/// <summary>Looks up registered applications and checks their client secrets.</summary>
public interface IApplicationDirectory
{
    /// <summary>The application with this client id (ordinal, case-insensitive like Entra's GUIDs), or null.</summary>
    ApplicationRegistration? Find(string clientId);

    /// <summary>
    /// The application an incoming call to <paramref name="number"/> rings: the one listing that number (or SIP
    /// user part) exactly, else one listing <c>*</c>; null when none does.
    /// </summary>
    ApplicationRegistration? Route(string number);

    /// <summary>True when the id is known and the secret matches; the comparison takes constant time.</summary>
    bool TryAuthenticate(string clientId, string clientSecret, [NotNullWhen(true)] out ApplicationRegistration? application);
}
