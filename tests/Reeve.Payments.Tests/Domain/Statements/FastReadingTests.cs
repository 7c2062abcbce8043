using System.Text;
using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Statements;

namespace Reeve.Payments.Tests.Domain.Statements;

/// <summary>
/// The hand-written readers a million-line statement goes through (issue 20) agree with what they stand in for:
/// dates with NodaTime's pattern, the fingerprint with its definition as strings, references with a regular expression.
/// </summary>
public sealed class FastReadingTests
{
    [Theory]
    [InlineData("uuuu-MM-dd")]
    [InlineData("dd/MM/uuuu")]
    [InlineData("uuuuMMdd")]
    [InlineData("MM/dd/uuuu")]
    public void Dates_read_by_hand_are_exactly_those_NodaTime_reads(string pattern)
    {
        var dates = new CsvDates(pattern);
        var noda = LocalDatePattern.CreateWithInvariantCulture(pattern);
        var random = new Random(20);
        var texts = new List<string>();
        for (var day = new LocalDate(2024, 1, 1); day <= new LocalDate(2025, 12, 31); day = day.PlusDays(1))
        {
            texts.Add(noda.Format(day));
        }

        // Near misses: every character of real dates changed, and odd digits, days and lengths.
        const string alphabet = "0123456789-/ x";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = texts[random.Next(texts.Count)].ToCharArray();
            chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            texts.Add(new string(chars));
        }

        texts.AddRange(["", "2025-02-29", "2024-02-29", "29/02/2025", "29/02/2024", "0000-01-01", "00000101", "31/04/2025", "2025-13-01", "20250431"]);
        foreach (var text in texts)
        {
            var expected = noda.Parse(text);
            dates.TryRead(text, out var date).ShouldBe(expected.Success, text);
            if (expected.Success)
            {
                date.ShouldBe(expected.Value, text);
            }
        }
    }

    [Fact]
    public void The_fingerprint_written_into_one_buffer_is_the_fingerprint_of_its_definition()
    {
        var random = new Random(2026);
        const string alphabet = "ab CD12\t\n\u00a0éß\u2003ǆ/£-ΣΐﬀxX \r";
        for (var i = 0; i < 5_000; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(i % 100 == 0 ? 600 : 40);
            for (var c = 0; c < length; c++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            if (i % 50 == 0)
            {
                text.Append("\ud83d\ude00 \ud801\udc28"); // a surrogate pair, and one that upper-cases
            }

            var account = i % 3 == 0 ? "  bank-csv " : "40123412345678";
            var day = new LocalDate(1 + random.Next(9999), 1 + random.Next(12), 1 + random.Next(28));
            var amount = Money.FromPence(random.NextInt64(-10_000_000, 10_000_000));
            Fingerprint.Hash(account, day, amount, text.ToString()).ShouldBe(Fingerprint.HashOfText(account, day, amount, text.ToString()), text.ToString());
        }
    }

    [Theory]
    [InlineData("CTAX {0}", true)]
    [InlineData("{0}", true)]
    [InlineData("X{0}Y", true)]
    [InlineData("1{0}", false)]
    [InlineData("{0}0", false)]
    [InlineData("ref {0} and {0} again", true)]
    [InlineData("no digits at all", false)]
    public void A_reference_is_read_from_a_run_of_exactly_nine_digits(string shape, bool found)
    {
        var reference = AccountReference.Create(AccountKind.CouncilTax, 12).Value;

        var reading = PayerReference.Read(string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, reference));

        (reading is ReferenceReading.Found f ? f.Reference.Value : null).ShouldBe(found ? reference : null);
    }

    [Fact]
    public void A_reference_typed_in_groups_is_still_read()
    {
        var reference = AccountReference.Create(AccountKind.CouncilTax, 12).Value;

        PayerReference.Read($"CTAX {reference[..4]} {reference[4..8]} {reference[8..]}").ShouldBeOfType<ReferenceReading.Found>().Reference.Value.ShouldBe(reference);
    }
}
