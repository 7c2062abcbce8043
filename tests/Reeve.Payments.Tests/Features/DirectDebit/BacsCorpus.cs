using System.Text;

namespace Reeve.Payments.Tests.Features.DirectDebit;

/// <summary>The Bacs reports in Corpus/bacs (see its README for where each came from), read as bytes or text.</summary>
internal static class BacsCorpus
{
    public const string SoSureAddacs = "so-sure-ADDACS.xml";
    public const string SoSureAuddis = "so-sure-AUDDIS.xml";
    public const string SoSureAuddisError = "so-sure-AUDDIS-error.xml";
    public const string RealisticArudd = "arudd-realistic.xml";
    public const string XmlParsingArudd = "xml-parsing-ARUDD.xml";

    /// <summary>The service user number the so-sure files were issued under.</summary>
    public const string SoSureSun = "176198";

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "bacs", name), Encoding.UTF8);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", "bacs", name));

    /// <summary>Replaces each (old, new) pair, failing if an old value is not in the file, so a test never edits nothing.</summary>
    public static string Edit(string text, params (string Old, string New)[] edits)
    {
        foreach (var (old, replacement) in edits)
        {
            text.ShouldContain(old);
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// The genuine so-sure ADDACS advice (reason 1, cancelled by payer) about <paramref name="reference"/>, with the payer
    /// details the test mandates hold (J Smith, 08-99-99, 66374958) and dated 6 May 2025. The service user number is the
    /// file's own (176198) unless <paramref name="sun"/> is given.
    /// </summary>
    public static string Addacs(string reference, string? sun = null, string reasonCode = "1", string payerName = "J SMITH", string accountNumber = "66374958") =>
        Edit(Text(SoSureAddacs),
            ("SOSURE01", reference),
            ("payer-name=\"BAR\"", $"payer-name=\"{payerName}\""),
            ("payer-account-number=\"12345678\"", $"payer-account-number=\"{accountNumber}\""),
            ("payer-sort-code=\"000099\"", "payer-sort-code=\"089999\""),
            ("reason-code=\"1\"", $"reason-code=\"{reasonCode}\""),
            ("effective-date=\"2018-03-06\"", "effective-date=\"2025-05-06\""),
            ("report-generation-date=\"2018-03-06\"", "report-generation-date=\"2025-05-06\""),
            (SoSureSun, sun ?? SoSureSun));

    /// <summary>The same report as the bank would send it again: new document and envelope numbers and a later generation date.</summary>
    public static string ReGenerated(string addacs) =>
        Edit(addacs,
            ("document-number=\"0\"", "document-number=\"7\""),
            ("envelope-sequence-number=\"00000002\"", "envelope-sequence-number=\"00000019\""),
            ("report-generation-date=\"2025-05-06\"", "report-generation-date=\"2025-05-09\""));
}
