using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hark.Host.Cli;

namespace Hark.Host.Operations;

/// <summary>
/// Operator credentials (<c>Hark:Operators:N:Name</c>, <c>:Key</c>), sent as <c>Authorization: Bearer {Key}</c>. With none
/// configured, a development operator is made on first start, kept in <c>{DataDirectory}/dev-operator.json</c>
/// (owner-only), and accepted from loopback callers only.
/// </summary>
public sealed class OperatorDirectory
{
    public const string SectionName = "Hark:Operators";
    public const string DevelopmentFileName = "dev-operator.json";
    public const int MinKeyLength = 16;

    private readonly (string Name, byte[] KeyHash)[] _operators;

    private OperatorDirectory((string Name, byte[] KeyHash)[] operators, bool loopbackOnly, string? developmentFile)
    {
        _operators = operators;
        LoopbackOnly = loopbackOnly;
        DevelopmentFile = developmentFile;
    }

    /// <summary>True for the development operator: its key opens nothing to remote callers.</summary>
    public bool LoopbackOnly { get; }

    /// <summary>Where the development operator's key is kept; null when operators are configured.</summary>
    public string? DevelopmentFile { get; }

    /// <summary>The configured operators, checked; throws <see cref="ConfigurationKeyException"/> on a bad entry.</summary>
    public static IReadOnlyList<OperatorCredential> ReadConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetSection(SectionName).Get<List<OperatorCredential>>() ?? [];
        for (var i = 0; i < configured.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(configured[i].Name))
            {
                throw new ConfigurationKeyException($"{SectionName}:{i}:Name", configured[i].Name, "a non-empty name");
            }

            if (configured[i].Key.Length < MinKeyLength)
            {
                throw new ConfigurationKeyException($"{SectionName}:{i}:Key", "(hidden)", $"a key of at least {MinKeyLength} characters");
            }
        }

        return configured;
    }

    public static OperatorDirectory Create(IConfiguration configuration, string dataDirectory)
    {
        var configured = ReadConfigured(configuration);
        if (configured.Count > 0)
        {
            return new OperatorDirectory([.. configured.Select(o => (o.Name, Hash(o.Key)))], loopbackOnly: false, developmentFile: null);
        }

        var file = Path.Combine(Path.GetFullPath(dataDirectory), DevelopmentFileName);
        var development = LoadOrCreateDevelopment(file);
        return new OperatorDirectory([(development.Name, Hash(development.Key))], loopbackOnly: true, developmentFile: file);
    }

    /// <summary>The operator whose key the request carries, or null.</summary>
    public string? Authenticate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (LoopbackOnly && !IsLoopback(context))
        {
            return null;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var presented = Hash(header["Bearer ".Length..].Trim());
        string? match = null;
        foreach (var (name, keyHash) in _operators)
        {
            // Every entry compared, in constant time: the answer's timing says nothing about the keys.
            if (CryptographicOperations.FixedTimeEquals(presented, keyHash))
            {
                match = name;
            }
        }

        return match;
    }

    public static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    /// <summary>Reads the development operator's key (for tests and <c>hark</c> tooling on this machine).</summary>
    public static OperatorCredential ReadDevelopment(string dataDirectory) =>
        JsonSerializer.Deserialize<OperatorCredential>(File.ReadAllText(Path.Combine(dataDirectory, DevelopmentFileName)), JsonOptions)
        ?? throw new InvalidDataException($"{DevelopmentFileName} is empty.");

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static OperatorCredential LoadOrCreateDevelopment(string file)
    {
        if (!File.Exists(file))
        {
            var fresh = new OperatorCredential { Name = "development", Key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant() };
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var stream = new FileStream(file, options);
            JsonSerializer.Serialize(stream, fresh, JsonOptions);
        }

        var stored = JsonSerializer.Deserialize<OperatorCredential>(File.ReadAllText(file), JsonOptions);
        return stored is { Key.Length: >= MinKeyLength } ? stored : throw new InvalidDataException($"{file} holds no usable operator key; delete it to make a new one.");
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
