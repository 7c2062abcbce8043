using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.TestKit;

namespace Reeve.Kernel.Tests.Calendar;

public sealed class DateTextTests
{
    [Theory]
    [InlineData(2025, 4, 1, "2025-04-01", "1 April 2025")]
    [InlineData(2024, 2, 29, "2024-02-29", "29 February 2024")]
    [InlineData(999, 12, 31, "0999-12-31", "31 December 0999")]
    public void Dates_are_written_as_officers_and_files_expect(int year, int month, int day, string iso, string longForm)
    {
        var date = new LocalDate(year, month, day);

        DateText.FormatIso(date).ShouldBe(iso);
        DateText.FormatLong(date).ShouldBe(longForm);
    }

    [Fact]
    public void The_direct_formats_match_the_patterns_for_every_date()
    {
        var dates = Gen.Choose(0, 3_000_000).Select(n => new LocalDate(1, 1, 1).PlusDays(n)).ToArbitrary();

        PropertyCheck.Holds(Prop.ForAll(dates, d =>
            DateText.FormatIso(d) == DateText.Iso.Format(d) && DateText.FormatLong(d) == DateText.LongForm.Format(d)));
    }
}
