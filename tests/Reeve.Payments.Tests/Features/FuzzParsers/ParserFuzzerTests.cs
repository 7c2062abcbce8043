using FsCheck;
using FsCheck.Fluent;
using Reeve.Payments.Features.FuzzParsers;
using Reeve.Payments.Tests.Domain.Reports;
using Reeve.Payments.Tests.Domain.Statements;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.FuzzParsers;

/// <summary>
/// Every parser, fed mutations of valid files (characters replaced, lines cut, dropped, doubled, swapped, or
/// random text), answers with its own refusal naming where, or reads the file; it never throws. Bounded here;
/// `reeve fuzz PARSER --minutes N` runs the same for longer.
/// </summary>
public class ParserFuzzerTests
{
    public static TheoryData<string> Parsers => new(ParserFuzzer.Parsers.Keys);

    private static IReadOnlyList<string> SamplesFor(string parser) => parser switch
    {
        "camt053" => [Camt053StatementTests.Camt(Camt053StatementTests.TwoEntries), ParserFuzzer.Samples[parser]],
        "arudd" => [AruddReportTests.Arudd(AruddReportTests.TwoItems), ParserFuzzer.Samples[parser]],
        "agent-csv" => [AgentPaymentFileTests.File, ParserFuzzer.Samples[parser]],
        _ => [ParserFuzzer.Samples[parser]],
    };

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Mutated_input_is_read_or_refused_with_a_location_and_never_throws(string parser)
    {
        var run = ParserFuzzer.Fuzz(parser, SamplesFor(parser), seed: 4, cases: 3_000, budget: TimeSpan.FromSeconds(20));

        run.Failure.ShouldBeNull($"{run.Failure?.Problem} on input:\n{run.Failure?.Input}");
        run.Refused.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void The_built_in_samples_for_the_longer_runs_are_read_by_their_parser_except_the_camt_envelope(string parser)
    {
        var answer = ParserFuzzer.Parsers[parser](ParserFuzzer.Samples[parser]);

        if (parser == "camt053")
        {
            answer.ShouldBe("refused");
        }
        else
        {
            answer.ShouldBeNull();
        }
    }

    [Fact]
    public void The_bank_csv_parser_never_throws_on_fscheck_mutations_either() =>
        PropertyCheck.Holds(Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Select(seed => ParserFuzzer.Mutate(new Random(seed), ParserFuzzer.Samples["bank-csv"])).ToArbitrary(),
            text => ParserFuzzer.Parsers["bank-csv"](text) is null or "refused"), tests: 2_000);
}
