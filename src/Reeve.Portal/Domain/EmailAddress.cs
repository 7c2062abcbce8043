using System.Security.Cryptography;
using System.Text;

namespace Reeve.Portal.Domain;

/// <summary>Email addresses as the portal keeps them (trimmed, lower case) and the keys its attempt counts use.</summary>
public static class EmailAddress
{
    public static string Normalise(string? text) => (text ?? "").Trim().ToLowerInvariant();

    /// <summary>What is wrong with an address as typed (already normalised), or null when it will do.</summary>
    public static string? Problem(string email) =>
        email.Length == 0 ? "Enter your email address"
        : !IsValid(email) ? "Enter an email address in the correct format, like name@example.com"
        : null;

    /// <summary>A plausible address: one @, something either side, a dot in the domain, no spaces (GOV.UK's own check is no stricter).</summary>
    public static bool IsValid(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length is > 2 and <= 254
            && at > 0 && at == email.LastIndexOf('@')
            && email[(at + 1)..].Contains('.', StringComparison.Ordinal)
            && !email.EndsWith('.')
            && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>
    /// What the attempt counts are kept against: a hash, so the table of attempts holds no email address or reference
    /// in the clear ("email:" or "ref:" keeps the two kinds apart).
    /// </summary>
    public static string Subject(string kind, string value) =>
        kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
