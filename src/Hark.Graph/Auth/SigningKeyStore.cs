using System.Security.Cryptography;
using System.Text;

namespace Hark.Graph.Auth;

/// <summary>
/// Hark's RSA 2048 token signing key, created once and kept as PKCS#8 PEM in the data directory
/// so tokens (and recording links) stay valid across restarts.
/// </summary>
public sealed class SigningKeyStore : IDisposable
{
    public const string FileName = "signing-key.pem";
    private const int KeySizeInBits = 2048;

    private readonly RSA _rsa;
    private readonly Lock _gate = new();

    private SigningKeyStore(RSA rsa, string filePath)
    {
        _rsa = rsa;
        FilePath = filePath;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        Modulus = Base64Url.Encode(TrimLeadingZeros(parameters.Modulus!));
        Exponent = Base64Url.Encode(TrimLeadingZeros(parameters.Exponent!));
        KeyId = Thumbprint(Modulus, Exponent);
    }

    /// <summary>RFC 7638 SHA-256 thumbprint of the public key, base64url; the JWT <c>kid</c>.</summary>
    public string KeyId { get; }

    /// <summary>The PEM file backing this key.</summary>
    public string FilePath { get; }

    /// <summary>The public modulus, base64url (JWK <c>n</c>).</summary>
    public string Modulus { get; }

    /// <summary>The public exponent, base64url (JWK <c>e</c>).</summary>
    public string Exponent { get; }

    /// <summary>Loads <see cref="FileName"/> from <paramref name="directory"/>, creating the key on first use.</summary>
    /// <exception cref="InvalidDataException">The file exists but holds no usable RSA private key.</exception>
    public static SigningKeyStore LoadOrCreate(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, FileName));
        if (File.Exists(path))
        {
            return Load(path);
        }

        var rsa = RSA.Create(KeySizeInBits);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            WritePrivate(temp, rsa.ExportPkcs8PrivateKeyPem());

            // Publish atomically; if another process won the race, its key is the one to use.
            File.Move(temp, path, overwrite: false);
            return new SigningKeyStore(rsa, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            rsa.Dispose();
            return Load(path);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public void Dispose() => _rsa.Dispose();

    internal byte[] Sign(ReadOnlySpan<byte> data)
    {
        // RSA objects are not documented as thread-safe; signing is rare enough to serialise.
        lock (_gate)
        {
            return _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    internal bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (_gate)
        {
            return _rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    private static SigningKeyStore Load(string path)
    {
        var pem = File.ReadAllText(path);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < KeySizeInBits)
            {
                throw new InvalidDataException($"The signing key in '{path}' has {rsa.KeySize} bits; at least {KeySizeInBits} are required.");
            }

            // A public-only PEM imports fine but cannot sign; find out now, not at the first token.
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return new SigningKeyStore(rsa, path);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidDataException(
                $"The signing key file '{path}' is not a valid RSA private key PEM. Restore it, or delete it to create a new key (tokens already issued then stop validating).",
                ex);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, Encoding.ASCII, options);
        writer.Write(pem);
    }

    private static string Thumbprint(string modulus, string exponent)
    {
        // RFC 7638: required members only, lexicographic order, no whitespace.
        var canonical = "{\"e\":\"" + exponent + "\",\"kty\":\"RSA\",\"n\":\"" + modulus + "\"}";
        return Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(byte[] value)
    {
        var span = value.AsSpan();
        while (span.Length > 1 && span[0] == 0)
        {
            span = span[1..];
        }

        return span;
    }
}
