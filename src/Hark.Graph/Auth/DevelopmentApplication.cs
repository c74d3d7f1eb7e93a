using System.Security.Cryptography;
using System.Text.Json;

namespace Hark.Graph.Auth;

/// <summary>
/// The application Hark makes for itself when none is configured, so a fresh install can be tried at once.
/// Stored in <c>{DataDirectory}/dev-application.json</c> (owner-only) and reused on every start; it gets
/// every role and catches every number.
/// </summary>
public static class DevelopmentApplication
{
    public const string FileName = "dev-application.json";

    /// <summary>Loads the stored development application, or creates and stores a new one.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a valid development application.</exception>
    public static ApplicationRegistration LoadOrCreate(string dataDirectory, out bool created)
    {
        var path = Path.Combine(dataDirectory, FileName);
        created = false;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            var fresh = new StoredDevelopmentApplication(Guid.NewGuid().ToString(), Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));
            created = TryWriteNew(path, fresh);
        }

        StoredDevelopmentApplication? stored;
        try
        {
            stored = JsonSerializer.Deserialize(File.ReadAllBytes(path), AuthJsonContext.Default.StoredDevelopmentApplication);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid development application file: {e.Message} Delete it to make a new one.", e);
        }

        if (stored is null || string.IsNullOrWhiteSpace(stored.ClientId) || string.IsNullOrWhiteSpace(stored.ClientSecret))
        {
            throw new InvalidDataException($"{path} lacks a clientId or clientSecret. Delete it to make a new one.");
        }

        return new ApplicationRegistration { ClientId = stored.ClientId, ClientSecret = stored.ClientSecret, Numbers = ["*"] };
    }

    // CreateNew: if two processes start at once, the loser reads the winner's file.
    private static bool TryWriteNew(string path, StoredDevelopmentApplication application)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            JsonSerializer.Serialize(stream, application, AuthJsonContext.Default.StoredDevelopmentApplication);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
