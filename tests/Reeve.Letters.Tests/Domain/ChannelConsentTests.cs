using NodaTime;

namespace Reeve.Letters.Tests;

public sealed class ChannelConsentTests
{
    private static readonly LocalDate Today = new(2025, 6, 1);

    [Fact]
    public void Paper_needs_no_consent()
    {
        ChannelConsent.Decide(Channel.Letter, [], Today).ShouldBeOfType<ConsentDecision.Send>();
    }

    [Fact]
    public void No_email_or_text_without_recorded_consent()
    {
        ChannelConsent.Decide(Channel.Email, [], Today).ShouldBeOfType<ConsentDecision.NoConsent>();
        ChannelConsent.Decide(Channel.Sms, [new(Channel.Email, "a@example.org", new(2025, 1, 1), null)], Today)
            .ShouldBeOfType<ConsentDecision.NoConsent>().Reason.ShouldBe("No consent to sms is recorded");
    }

    [Fact]
    public void Consent_given_for_a_channel_sends_to_its_address()
    {
        var decision = ChannelConsent.Decide(Channel.Email, [new(Channel.Email, "a@example.org", new(2025, 1, 1), null)], Today);

        decision.ShouldBe(new ConsentDecision.Send("a@example.org"));
    }

    [Fact]
    public void Consent_withdrawn_on_or_before_the_day_stops_sending_and_consent_given_later_does_not_count_yet()
    {
        ChannelConsent.Decide(Channel.Sms, [new(Channel.Sms, "07700900123", new(2025, 1, 1), Today)], Today)
            .ShouldBeOfType<ConsentDecision.NoConsent>().Reason.ShouldContain("withdrawn");
        ChannelConsent.Decide(Channel.Sms, [new(Channel.Sms, "07700900123", Today.PlusDays(1), null)], Today)
            .ShouldBeOfType<ConsentDecision.NoConsent>();
    }

    [Fact]
    public void The_latest_consent_given_is_the_one_that_counts()
    {
        var preferences = new ContactPreference[]
        {
            new(Channel.Email, "old@example.org", new(2024, 1, 1), new(2024, 6, 1)),
            new(Channel.Email, "new@example.org", new(2025, 2, 1), null),
        };

        ChannelConsent.Decide(Channel.Email, preferences, Today).ShouldBe(new ConsentDecision.Send("new@example.org"));
    }
}
