using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Reeve.Letters;

/// <summary>
/// A GOV.UK Notify API key, "{key name}-{service id}-{secret}": the service id is the 36 characters that start
/// 73 from the end and the secret the last 36, as Notify's own clients read it (formats.md 7.1).
/// </summary>
public sealed record NotifyApiKey(string ServiceId, string Secret)
{
    public static NotifyApiKey Parse(string apiKey)
    {
        if (apiKey.Length < 74 || !Guid.TryParse(apiKey[^73..^37], out _) || !Guid.TryParse(apiKey[^36..], out _))
        {
            throw new ArgumentException("A Notify API key ends with the service id and the secret, each a 36-character id", nameof(apiKey));
        }

        return new NotifyApiKey(apiKey[^73..^37], apiKey[^36..]);
    }

    public override string ToString() => $"NotifyApiKey {{ ServiceId = {ServiceId}, Secret = *** }}";
}

/// <summary>The bearer token Notify expects: a JWT signed with HS256, claims iss (the service id) and iat (now, in seconds).</summary>
public static class NotifyToken
{
    public static string Create(NotifyApiKey key, Instant now)
    {
        var header = Base64Url("""{"typ":"JWT","alg":"HS256"}"""u8.ToArray());
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = key.ServiceId,
            ["iat"] = now.ToUnixTimeSeconds(),
        }));
        var signingInput = header + "." + claims;
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.Secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
