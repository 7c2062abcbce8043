using System.Diagnostics;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;
using Reeve.Payments.Domain.Statements;

namespace Reeve.Payments.Features.FuzzParsers;

/// <summary>
/// Fuzzing for every file parser (issue 4, "Bad input"): a valid sample with random characters replaced,
/// lines cut, dropped, doubled or swapped, or plain random text. The parser must answer Done or Invalid naming
/// where (a line, field or element); anything thrown is a failure. Seeded, so a failure is replayed from its
/// seed and case number.
/// </summary>
public static class ParserFuzzer
{
    public sealed record Failure(string Parser, int Seed, long Case, string Input, string Problem);

    public sealed record Run(string Parser, long Cases, long Refused, TimeSpan Elapsed, Failure? Failure);

    private const string Alphabet = "<>/=\" \r\n\t0123456789.,-:;'&£ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\u00e9\u0000\uFEFF";

    /// <summary>Each parser by the name <c>reeve fuzz</c> takes, as "the answer, or null when the answer is acceptable".</summary>
    public static IReadOnlyDictionary<string, Func<string, string?>> Parsers { get; } = new Dictionary<string, Func<string, string?>>(StringComparer.Ordinal)
    {
        ["camt053"] = text => Judge(Camt053File.Parse(text)),
        ["bank-csv"] = text => Judge(BankCsvStatement.Parse(text, PaymentLayouts.PaidInPaidOut)),
        ["agent-csv"] = text => Judge(AgentPaymentFile.Parse(text, PaymentLayouts.HeaderDetailTrailer)),
        ["arudd"] = text => Judge(AruddReport.Parse(text)),
        ["addacs"] = text => Judge(AddacsReport.Parse(text)),
        ["auddis"] = text => Judge(AuddisReport.Parse(text)),
    };

    /// <summary>
    /// A small sample per parser for <c>reeve fuzz</c> to mutate when no file is given. The CSV and Bacs report
    /// samples are valid; the camt.053 one is only an envelope, so give a real statement with --from to go deeper.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Samples { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bank-csv"] = "Date,Type,Description,Paid in,Paid out,Balance\n01/05/2025,FPI,\"HART S, CTAX 500000013\",120.50,,1120.50\n01/05/2025,CHG,CHARGES,,2.00,1118.50\n",
        ["agent-csv"] = "H,WEALDMOOR,20250501\nD,500000013,25.00,20250501,PP000001,OUTLET 4\nD,500000021,10.50,20250501,PP000002,\nT,2,35.50\n",
        ["camt053"] = "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>1</Id></Stmt></BkToCstmrStmt></Document>",
        ["arudd"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BACSDocument>\n<Data>\n<ARUDD>\n" +
            "<Header reportType=\"REFT1019\" adviceNumber=\"00000001\" currentProcessingDate=\"2025-05-06\"/>\n" +
            "<AddresseeInformation name=\"WEALDMOOR DC\"/>\n<ServiceLicenseInformation userName=\"WEALDMOOR DC\" userNumber=\"123456\"/>\n" +
            "<Advice>\n<OriginatingAccountRecords>\n<OriginatingAccountRecord>\n" +
            "<OriginatingAccount name=\"WEALDMOOR DC\" number=\"66374958\" sortCode=\"08-99-99\" type=\"0\"/>\n" +
            "<ReturnedDebitItem ref=\"CT500000013\" transCode=\"17\" returnCode=\"0128\" returnDescription=\"REFER TO PAYER\" originalProcessingDate=\"2025-05-01\" valueOf=\"120.50\" currency=\"GBP\">\n" +
            "<PayerAccount number=\"88837491\" ref=\"CT500000013\" name=\"S HART\" sortCode=\"10-79-99\"/>\n</ReturnedDebitItem>\n" +
            "<Totals numberOf=\"1\" valueOf=\"120.50\" currency=\"GBP\"/>\n" +
            "</OriginatingAccountRecord>\n</OriginatingAccountRecords>\n</Advice>\n</ARUDD>\n</Data>\n</BACSDocument>\n",
        ["addacs"] = Report("ADDACS", "7001", "<MessagingAdvice user-number=\"123456\" record-type=\"A\" effective-date=\"2025-05-01\" reference=\"CT500000013\" payer-name=\"S HART\" payer-account-number=\"66374958\" payer-sort-code=\"089999\" reason-code=\"1\" aosn=\"00000001\"/>"),
        ["auddis"] = Report("AUDDIS", "7002", "<MessagingAdvice record-type=\"N\" reference=\"CT500000013\" reason-code=\"L\" payer-name=\"S HART\"/>"),
    };

    private static string Report(string adviceType, string reportType, string advice) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BACSDocument>\n<Data>\n<MessagingAdvices>\n" +
        $"<MessagingHeader document-number=\"0\" advice-type=\"{adviceType}\" user-number=\"123456\" report-generation-date=\"2025-05-01\" user-name=\"WEALDMOOR DC\" report-type=\"{reportType}\"/>\n" +
        $"{advice}\n<MessagingError/>\n</MessagingAdvices>\n</Data>\n</BACSDocument>\n";

    /// <summary>Runs one parser on mutations of the samples until <paramref name="cases"/> are done or <paramref name="budget"/> runs out.</summary>
    public static Run Fuzz(string parser, IReadOnlyList<string> samples, int seed, long cases, TimeSpan budget)
    {
        var parse = Parsers[parser];
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        long done = 0;
        long refused = 0;
        while (done < cases && clock.Elapsed < budget)
        {
            var input = Mutate(random, samples[random.Next(samples.Count)]);
            done++;
            string? problem;
            try
            {
                problem = parse(input);
            }
            catch (Exception e)
            {
                problem = $"threw {e.GetType().Name}: {e.Message}";
            }

            if (problem is "refused")
            {
                refused++;
            }
            else if (problem is not null)
            {
                return new Run(parser, done, refused, clock.Elapsed, new Failure(parser, seed, done, input, problem));
            }
        }

        return new Run(parser, done, refused, clock.Elapsed, null);
    }

    public static string Mutate(Random random, string valid)
    {
        if (random.Next(20) == 0)
        {
            return new string(Enumerable.Range(0, random.Next(200)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        }

        var chars = valid.ToCharArray();
        for (var i = random.Next(1, 6); i > 0 && chars.Length > 0; i--)
        {
            chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
        }

        var text = new string(chars);
        var lines = text.Split('\n').ToList();
        switch (random.Next(6))
        {
            case 0:
                return text[..random.Next(text.Length + 1)];
            case 1 when lines.Count > 1:
                lines.RemoveAt(random.Next(lines.Count));
                break;
            case 2 when lines.Count > 0:
                lines.Insert(random.Next(lines.Count), lines[random.Next(lines.Count)]);
                break;
            case 3 when lines.Count > 1:
                var a = random.Next(lines.Count);
                var b = random.Next(lines.Count);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                break;
            case 4:
                return text + text;
        }

        return string.Join('\n', lines);
    }

    // Done is fine; Invalid must say where. Anything else (a null, an unexpected outcome) is a failure.
    private static string? Judge<T>(Outcome<T> outcome) => outcome switch
    {
        Outcome<T>.Done => null,
        Outcome<T>.Invalid { Field: { Length: > 0 }, Message: { Length: > 0 } } => "refused",
        Outcome<T>.Invalid invalid => $"refused without naming where: '{invalid.Field}': {invalid.Message}",
        _ => $"answered {outcome}",
    };
}
