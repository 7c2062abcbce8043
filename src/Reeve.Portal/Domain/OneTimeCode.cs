using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reeve.Portal.Domain;

/// <summary>
/// A six-digit code sent by email. Only a salted HMAC of it is stored, so the table never holds a code that works;
/// checking compares in constant time.
/// </summary>
public static class OneTimeCode
{
    public const int Digits = 6;

    public static string New() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);

    /// <summary>"salt$hmac", both hex: the salt is new for every code.</summary>
    public static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Convert.ToHexStringLower(salt) + "$" + Convert.ToHexStringLower(Mac(salt, code));
    }

    public static bool Verify(string stored, string? given)
    {
        var parts = stored.Split('$');
        var typed = Clean(given);
        if (parts.Length != 2 || typed.Length != Digits)
        {
            return false;
        }

        var expected = Convert.FromHexString(parts[1]);
        return CryptographicOperations.FixedTimeEquals(expected, Mac(Convert.FromHexString(parts[0]), typed));
    }

    /// <summary>A code as typed: spaces and dashes people add while copying are dropped.</summary>
    public static string Clean(string? given) =>
        new((given ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    private static byte[] Mac(byte[] salt, string code) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(code));
}
