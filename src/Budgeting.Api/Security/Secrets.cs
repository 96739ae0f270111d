using System.Security.Cryptography;
using System.Text;

namespace Budgeting.Api.Security;

/// <summary>
/// Creates and hashes the service's bearer secrets (the officials' key and the panelists' voting tokens).
/// Secrets come from the operating system's cryptographic generator: they must be unguessable, not reproducible,
/// unlike the lottery's public seeded stream. Only their SHA-256 is stored.
/// </summary>
public static class Secrets
{
    /// <summary>A new secret: 32 random bytes as base64url without padding (43 characters).</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The SHA-256 of the secret's UTF-8 bytes, as lower-case hex: what the database stores.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
