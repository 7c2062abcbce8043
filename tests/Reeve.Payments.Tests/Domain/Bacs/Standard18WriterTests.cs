using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Bacs;
using static Reeve.Payments.Tests.Domain.Bacs.BacsExamples;

namespace Reeve.Payments.Tests.Domain.Bacs;

public class Standard18WriterTests
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales;

    private static string Written(Standard18File file) =>
        Standard18Writer.Write(file, Calendar).ShouldBeOfType<Outcome<string>.Done>().Value;

    private static Outcome<string>.Invalid Refused(Standard18File file) =>
        Standard18Writer.Write(file, Calendar).ShouldBeOfType<Outcome<string>.Invalid>();

    [Fact]
    public void The_worked_example_is_written_byte_for_byte()
    {
        // formats.md 1.10: two collections (17 and 01) and their contra, processing day 5 March 2025.
        Golden.ShouldMatch(Written(WorkedExample()), "standard18-worked-example.txt");
    }

    [Fact]
    public void Labels_are_80_characters_and_records_100_each_ending_CRLF()
    {
        // formats.md 1.1: labels 80, data records 100 (single processing day), CRLF line ends.
        var text = Written(WorkedExample());
        text.ShouldEndWith("\r\n");
        var lines = text.Split("\r\n")[..^1];
        lines.Select(l => l.Length).ShouldBe([80, 80, 80, 80, 100, 100, 100, 80, 80, 80]);
        lines.Select(l => l[..4]).ShouldBe(["VOL1", "HDR1", "HDR2", "UHL1", "0899", "1079", "4012", "EOF1", "EOF2", "UTL1"]);
    }

    [Theory]
    [InlineData(2025, 3, 5, " 25064")]
    [InlineData(2025, 1, 1, " 25001")]
    [InlineData(2024, 12, 31, " 24366")]
    [InlineData(2030, 7, 1, " 30182")]
    public void Bacs_dates_are_a_space_the_year_and_the_day_of_the_year(int year, int month, int day, string expected)
    {
        // formats.md 1.1: bYYDDD.
        var date = new LocalDate(year, month, day);
        BacsDate.Format(date).ShouldBe(expected);
        BacsDate.TryParse(expected, out var back).ShouldBeTrue();
        back.ShouldBe(date);
    }

    [Fact]
    public void An_AUDDIS_file_has_zero_amounts_and_no_contra()
    {
        // formats.md 1.1 and 1.6: 0N/0C/0S carry zero amounts; an AUDDIS-only file has no contra.
        var file = WorkedExample() with
        {
            Instructions =
            [
                Collection("089999", "66374958", "J Smith", TransactionCode.NewInstruction, 0, "CT500012345"),
                Collection("107999", "88837491", "A Jones", TransactionCode.CancelInstruction, 0, "CT500067890"),
                Collection("107999", "88837491", "B Brown", TransactionCode.ConvertInstruction, 0, "CT500011111"),
            ],
        };
        var lines = Written(file).Split("\r\n")[..^1];
        lines.Length.ShouldBe(10);
        lines[4][15..17].ShouldBe("0N");
        lines[5][15..17].ShouldBe("0C");
        lines[6][15..17].ShouldBe("0S");
        lines.Where(l => l.Length == 100).Select(l => l.Substring(35, 11)).ShouldAllBe(amount => amount == "00000000000");
        lines.ShouldNotContain(l => l.Contains("CONTRA"));
        lines[9].ShouldStartWith("UTL1" + "0000000000000" + "0000000000000" + "0000003" + "0000000");
    }

    [Fact]
    public void A_credit_file_pays_out_with_code_99_and_a_debit_contra_17()
    {
        // formats.md 1.7: 99 is a Direct Credit; the contra of a credit file is a debit, code 17.
        var file = WorkedExample() with
        {
            Instructions = [Collection("089999", "66374958", "J Smith", TransactionCode.DirectCredit, 4210, "REFUND 500012345")],
            ContraNarrative = "CT REFUNDS",
        };
        var lines = Written(file).Split("\r\n")[..^1];
        lines[4][15..17].ShouldBe("99");
        lines[5].ShouldStartWith("4012341234567801740123412345678    00000004210CT REFUNDS        CONTRA");
        lines[8].ShouldStartWith("UTL1" + "0000000004210" + "0000000004210" + "0000001" + "0000001");
    }

    [Fact]
    public void Names_are_upper_cased_without_apostrophes_and_cut_to_18_characters()
    {
        var file = WorkedExample() with
        {
            Instructions = [Collection("089999", "66374958", "Siobhan O'Sullivan-Fitzgerald", TransactionCode.RegularCollection, 100, "CT500012345")],
        };
        Written(file).Split("\r\n")[4][82..].ShouldBe("SIOBHAN OSULLIVAN-");
    }

    public static TheoryData<string, Func<Standard18File, Standard18File>, string> BadFiles => new()
    {
        { "processingDate", f => f with { ProcessingDate = new LocalDate(2025, 3, 8) }, "not a Bacs processing day" },
        { "processingDate", f => f with { ProcessingDate = new LocalDate(2025, 4, 18) }, "not a Bacs processing day" },
        { "processingDate", f => f with { CreationDate = new LocalDate(2025, 3, 5) }, "after the day the file is created" },
        { "processingDate", f => f with { CreationDate = new LocalDate(2025, 1, 31) }, "no more than 31 days" },
        { "originator.serviceUserNumber", f => f with { Originator = f.Originator with { ServiceUserNumber = "12345" } }, "six digits" },
        { "originator.name", f => f with { Originator = f.Originator with { Name = "Anytown Council £" } }, "'£' is not allowed" },
        { "volumeSerialNumber", f => f with { VolumeSerialNumber = "1" }, "six digits" },
        { "instructions", f => f with { Instructions = [] }, "at least one" },
        { "instructions", f => f with { Instructions = [.. f.Instructions, Collection("089999", "66374958", "J Smith", TransactionCode.NewInstruction, 0, "CT500012345")] }, "separate files" },
        { "instructions[1].amount", f => f with { Instructions = [f.Instructions[0], f.Instructions[1] with { Amount = Money.Zero }] }, "more than zero" },
        { "instructions[0].amount", f => f with { Instructions = [f.Instructions[0] with { Amount = Money.FromPence(-5) }] }, "more than zero" },
        { "instructions[0].amount", f => f with { Instructions = [f.Instructions[0] with { Amount = Money.FromPence(100_000_000_000) }] }, "too large" },
        { "instructions[1].amount", f => f with { Instructions = [f.Instructions[0] with { Amount = Money.FromPence(99_999_999_999) }, f.Instructions[1]] }, "split the file" },
        { "instructions[0].reference", f => f with { Instructions = [f.Instructions[0] with { Reference = "CT5" }] }, "6 to 18" },
        { "instructions[0].reference", f => f with { Instructions = [f.Instructions[0] with { Reference = "DDIC12345" }] }, "DDIC" },
        { "instructions[0].reference", f => f with { Instructions = [f.Instructions[0] with { Reference = "1111111" }] }, "repeated" },
        { "instructions[0].reference", f => f with { Instructions = [f.Instructions[0] with { Reference = "-CT500012345" }] }, "starts with a letter" },
        { "instructions[0].reference", f => f with { Instructions = [f.Instructions[0] with { Reference = "CT50001234512345678" }] }, "6 to 18" },
        { "instructions[0].reference", f => f with { Instructions = [f.Instructions[0] with { Reference = "CT5000_12345" }] }, "'_' is not allowed" },
        { "instructions[0].accountName", f => f with { Instructions = [f.Instructions[0] with { AccountName = "  " }] }, "name is needed" },
        { "instructions[0].accountName", f => f with { Instructions = [f.Instructions[0] with { AccountName = "Zoë Smith" }] }, "'Ë' is not allowed" },
        { "contraNarrative", f => f with { ContraNarrative = "" }, "name is needed" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_input_is_refused_whole_naming_the_field(string field, Func<Standard18File, Standard18File> spoil, string message)
    {
        var refused = Refused(spoil(WorkedExample()));
        refused.Field.ShouldBe(field);
        refused.Message.ShouldContain(message);
    }
}
