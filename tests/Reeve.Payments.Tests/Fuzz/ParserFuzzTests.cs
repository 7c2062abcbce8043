using FsCheck;
using FsCheck.Fluent;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;
using Reeve.Payments.Domain.Statements;
using Reeve.Payments.Tests.Domain.Reports;
using Reeve.Payments.Tests.Domain.Statements;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Fuzz;

/// <summary>
/// Bounded fuzzing (issue 4, "Bad input"): valid files with random bytes changed, cut or duplicated. Every
/// parser must answer with a value, Done or Invalid, and never throw.
/// </summary>
public class ParserFuzzTests
{
    private const string Alphabet = "<>/=\" \r\n0123456789.,-:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz&;'£";

    private static Arbitrary<string> Mutations(string valid) =>
        Gen.Zip(
            Gen.Choose(0, valid.Length - 1).ListOf(),
            Gen.Zip(Gen.Elements(Alphabet.ToCharArray()).ListOf(), Gen.Choose(0, 3)))
        .Select(c =>
        {
            var chars = valid.ToCharArray();
            var positions = c.Item1.ToArray();
            var replacements = c.Item2.Item1.ToArray();
            for (var i = 0; i < Math.Min(positions.Length, replacements.Length); i++)
            {
                chars[positions[i]] = replacements[i];
            }

            var text = new string(chars);
            return c.Item2.Item2 switch
            {
                0 => text,
                1 => text[..(positions.Length > 0 ? positions[0] : text.Length / 2)],
                2 => text + text,
                _ => text.Insert(positions.Length > 0 ? positions[0] : 0, "<"),
            };
        }).ToArbitrary();

    private static void NeverThrows<T>(string valid, Func<string, Outcome<T>> parse) =>
        PropertyCheck.Holds(Prop.ForAll(Mutations(valid), text => parse(text) is Outcome<T>.Done or Outcome<T>.Invalid), tests: 1000);

    [Fact]
    public void The_ARUDD_parser_never_throws_on_mutated_input() =>
        NeverThrows(AruddReportTests.Arudd(AruddReportTests.TwoItems), AruddReport.Parse);

    [Fact]
    public void The_camt053_parser_never_throws_on_mutated_input() =>
        NeverThrows(Camt053StatementTests.Camt(Camt053StatementTests.TwoEntries), Camt053File.Parse);

    [Fact]
    public void The_agent_file_parser_never_throws_on_mutated_input() =>
        NeverThrows(AgentPaymentFileTests.File, text => AgentPaymentFile.Parse(text, AgentPaymentFileTests.Layout));

    [Fact]
    public void The_ADDACS_and_AUDDIS_parsers_never_throw_on_random_text() =>
        PropertyCheck.Holds(Prop.ForAll(Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Select(a => new string(a)).ToArbitrary(),
            text => AddacsReport.Parse(text) is not null && AuddisReport.Parse(text) is not null), tests: 1000);
}
