using System.Globalization;
using System.Security.Cryptography;
using NodaTime;

namespace Reeve.Officers;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1 of the 30-second step since the Unix epoch,
/// dynamically truncated to six digits, as every authenticator app reads an <c>otpauth://totp</c> URI. Pure: the caller
/// gives the time.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>How many steps either side of now a code may come from, for clocks a little apart.</summary>
    public const int Window = 1;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static long StepAt(Instant at) => at.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for one step (RFC 4226 section 5.3).</summary>
    public static string Code(byte[] secret, long step, int digits = Digits)
    {
        var counter = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        // HMAC-SHA1 is RFC 6238's default and the one algorithm every authenticator app reads; SHA-1's collision weakness
        // does not reach HMAC (RFC 6151 section 2; NIST SP 800-107 section 5.3).
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>The step within the window whose code this is, or null; compared in constant time.</summary>
    public static long? MatchingStep(byte[] secret, string? code, Instant now)
    {
        var typed = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (typed.Length != Digits || !typed.All(char.IsAsciiDigit))
        {
            return null;
        }

        var step = StepAt(now);
        for (var s = step - Window; s <= step + Window; s++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, s)), System.Text.Encoding.ASCII.GetBytes(typed)))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>A new 160-bit secret (RFC 4226 section 4 recommends 160 bits).</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    /// <summary>RFC 4648 Base32 without padding, as otpauth URIs carry it.</summary>
    public static string Base32(byte[] bytes)
    {
        var text = new System.Text.StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    /// <summary>Reads Base32 as people type it: any case, spaces and padding ignored.</summary>
    public static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }

            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a Base32 letter");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)((buffer >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    /// <summary>The Key URI Format authenticator apps read (shown as text; a QR code is optional).</summary>
    public static string Uri(string issuer, string username, byte[] secret)
    {
        var i = System.Uri.EscapeDataString(issuer).Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);
        return $"otpauth://totp/{i}:{System.Uri.EscapeDataString(username)}?secret={Base32(secret)}&issuer={i}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }
}
