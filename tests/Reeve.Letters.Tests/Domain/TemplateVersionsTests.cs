using NodaTime;

namespace Reeve.Letters.Tests;

public sealed class TemplateVersionsTests
{
    private static LetterTemplate Version(int version, LocalDate from, Channel channel = Channel.Letter) =>
        new(LetterType.Reminder, channel, version, from, "v" + version);

    [Fact]
    public void A_notice_uses_the_version_in_force_on_the_day_it_is_issued()
    {
        var versions = new[] { Version(1, new(2024, 4, 1)), Version(2, new(2025, 4, 1)), Version(3, new(2026, 4, 1)) };

        TemplateVersions.InForce(versions, LetterType.Reminder, Channel.Letter, new(2025, 3, 31))!.Version.ShouldBe(1);
        TemplateVersions.InForce(versions, LetterType.Reminder, Channel.Letter, new(2025, 4, 1))!.Version.ShouldBe(2);
        TemplateVersions.InForce(versions, LetterType.Reminder, Channel.Letter, new(2027, 1, 1))!.Version.ShouldBe(3);
        TemplateVersions.InForce(versions, LetterType.Reminder, Channel.Letter, new(2024, 3, 31)).ShouldBeNull();
    }

    [Fact]
    public void On_the_same_effective_date_the_later_version_wins_and_channels_do_not_mix()
    {
        var versions = new[] { Version(1, new(2025, 4, 1)), Version(2, new(2025, 4, 1)), Version(9, new(2025, 4, 1), Channel.Email) };

        TemplateVersions.InForce(versions, LetterType.Reminder, Channel.Letter, new(2025, 6, 1))!.Version.ShouldBe(2);
        TemplateVersions.InForce(versions, LetterType.Reminder, Channel.Email, new(2025, 6, 1))!.Version.ShouldBe(9);
    }
}
