using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hark.Graph.Auth;

/// <summary>An <see cref="IApplicationDirectory"/> over a fixed list (normally the configured applications).</summary>
public sealed class ConfiguredApplicationDirectory : IApplicationDirectory
{
    private readonly Dictionary<string, ApplicationRegistration> _byClientId;

    public ConfiguredApplicationDirectory(IOptions<ApplicationsOptions> options)
        : this(options.Value.Registrations)
    {
    }

    public ConfiguredApplicationDirectory(IEnumerable<ApplicationRegistration> registrations)
    {
        _byClientId = new Dictionary<string, ApplicationRegistration>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in registrations)
        {
            if (string.IsNullOrWhiteSpace(registration.ClientId))
            {
                throw new ArgumentException("An application registration has no ClientId.", nameof(registrations));
            }

            if (!_byClientId.TryAdd(registration.ClientId, registration))
            {
                throw new ArgumentException($"Application '{registration.ClientId}' is registered twice.", nameof(registrations));
            }
        }
    }

    public ApplicationRegistration? Find(string clientId) => _byClientId.GetValueOrDefault(clientId);

    /// <summary>Applications known.</summary>
    public int Count => _byClientId.Count;

    /// <summary>Every application (the operator's console lists them).</summary>
    public IEnumerable<ApplicationRegistration> All => _byClientId.Values;

    public ApplicationRegistration? Route(string number)
    {
        ApplicationRegistration? catchAll = null;
        foreach (var registration in _byClientId.Values)
        {
            foreach (var listed in registration.Numbers ?? [])
            {
                if (string.Equals(listed, number, StringComparison.OrdinalIgnoreCase))
                {
                    return registration;
                }

                if (listed == "*")
                {
                    catchAll ??= registration;
                }
            }
        }

        return catchAll;
    }

    public bool TryAuthenticate(string clientId, string clientSecret, [NotNullWhen(true)] out ApplicationRegistration? application)
    {
        var found = Find(clientId);

        // Compare fixed-length hashes so neither the secret's length nor its content shows in the timing;
        // an unknown id still pays for one comparison.
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(found?.ClientSecret ?? ""), expected);
        SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), actual);
        var match = CryptographicOperations.FixedTimeEquals(expected, actual);

        application = found is not null && match && found.ClientSecret.Length > 0 ? found : null;
        return application is not null;
    }
}
