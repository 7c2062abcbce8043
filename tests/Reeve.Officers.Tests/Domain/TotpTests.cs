using System.Text;
using NodaTime;

namespace Reeve.Officers.Tests;

public class TotpTests
{
    // RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", eight digits, 30-second steps.
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void The_codes_are_the_rfc_6238_test_vectors(long unixSeconds, string code)
    {
        Totp.Code(RfcSecret, Totp.StepAt(Instant.FromUnixTimeSeconds(unixSeconds)), digits: 8).ShouldBe(code);
    }

    [Fact]
    public void Six_digit_codes_are_the_last_six_digits_of_the_eight()
    {
        Totp.Code(RfcSecret, Totp.StepAt(Instant.FromUnixTimeSeconds(59))).ShouldBe("287082");
    }

    [Fact]
    public void A_code_from_the_step_before_or_after_is_accepted_and_one_from_two_steps_away_is_not()
    {
        var now = Instant.FromUnixTimeSeconds(1111111111);
        var step = Totp.StepAt(now);

        Totp.MatchingStep(RfcSecret, Totp.Code(RfcSecret, step - 1), now).ShouldBe(step - 1);
        Totp.MatchingStep(RfcSecret, Totp.Code(RfcSecret, step + 1), now).ShouldBe(step + 1);
        Totp.MatchingStep(RfcSecret, Totp.Code(RfcSecret, step - 2), now).ShouldBeNull();
        Totp.MatchingStep(RfcSecret, "12345", now).ShouldBeNull();
        Totp.MatchingStep(RfcSecret, "abcdef", now).ShouldBeNull();
    }

    [Fact]
    public void Base32_round_trips_and_reads_the_rfc_4648_vectors()
    {
        // RFC 4648 section 10: BASE32("foobar") = "MZXW6YTBOI======" (otpauth URIs leave the padding off).
        Totp.Base32(Encoding.ASCII.GetBytes("foobar")).ShouldBe("MZXW6YTBOI");
        Encoding.ASCII.GetString(Totp.FromBase32("mzxw 6ytb oi")).ShouldBe("foobar");
        var secret = Totp.NewSecret();
        secret.Length.ShouldBe(20);
        Totp.FromBase32(Totp.Base32(secret)).ShouldBe(secret);
    }

    [Fact]
    public void The_otpauth_uri_names_the_issuer_and_the_officer()
    {
        Totp.Uri("Reeve (Wealdmoor)", "jsmith", Encoding.ASCII.GetBytes("foobar"))
            .ShouldBe("otpauth://totp/Reeve%20%28Wealdmoor%29:jsmith?secret=MZXW6YTBOI&issuer=Reeve%20%28Wealdmoor%29&algorithm=SHA1&digits=6&period=30");
    }
}
