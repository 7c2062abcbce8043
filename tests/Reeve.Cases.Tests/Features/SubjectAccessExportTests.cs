using System.IO.Compression;
using System.Text;
using Dapper;
using Reeve.Cases.Domain;
using Reeve.Cases.Features.AnswerCase;
using Reeve.Cases.Features.ExportSubjectAccess;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.TestKit;

namespace Reeve.Cases.Tests.Features;

public sealed class SubjectAccessExportOnSqlite() : SubjectAccessExportTests(new SqliteEngine());

public sealed class SubjectAccessExportOnPostgres() : SubjectAccessExportTests(new PostgresEngine());

/// <summary>UK GDPR Art 15: everything held on the person, in one zip; making it is audited.</summary>
public abstract class SubjectAccessExportTests(IDatabaseEngine engine) : CasesTest(engine)
{
    [Fact]
    public async Task The_pack_holds_the_person_s_details_ledger_letters_cases_and_who_viewed_them_and_is_itself_audited()
    {
        await SetUpAsync();
        await InTransactionAsync(async (c, tx) =>
        {
            await AuditTrail.RecordAsync(c, tx, Council, "nosy-officer", AuditTrail.Actions.View, "account", JaneAccount.Reference.Value,
                "Account page", null, Now);
            return 0;
        });
        var sar = await LoggedAsync(Request(CaseKind.SubjectAccess, requester: Jane, name: null, address: null));
        (await InTransactionAsync((c, tx) => AnswerCase.HandleAsync(c, tx, Council, sar.CaseId, "answered", "Your data is enclosed.", Today, "test", Now)))
            .ShouldBeOfType<Outcome<AnswerCase.Answered>.Done>();

        var pack = (await InTransactionAsync((c, tx) => SubjectAccessExport.HandleAsync(c, tx, Council, Jane, [], "dpo", "127.0.0.1", Now)))
            .ShouldBeOfType<Outcome<SubjectAccessExport.Pack>.Done>().Value;

        using var zip = new ZipArchive(new MemoryStream(pack.Zip));
        string Text(string name) => new StreamReader(zip.GetEntry(name).ShouldNotBeNull().Open(), Encoding.UTF8).ReadToEnd();
        Text("personal-details.csv").ShouldContain("Jane Smith");
        Text("personal-details.csv").ShouldContain("1 High Street");
        var ledger = Text("ledger.csv");
        ledger.ShouldContain($"{JaneAccount.Reference.Value},1 April 2025,2025/26,Charge,Entry made by a test,\"£1,200.00\"");
        ledger.ShouldContain("-£200.00");
        Text("accounts.csv").ShouldContain("£1,000.00");
        Text("cases.csv").ShouldContain(sar.Reference);
        Text("audit-of-who-viewed-or-changed.csv").ShouldContain("nosy-officer");
        var letter = zip.Entries.Where(e => e.FullName.StartsWith("letters/", StringComparison.Ordinal) && e.FullName.EndsWith(".pdf", StringComparison.Ordinal)).ShouldHaveSingleItem();
        using var bytes = new MemoryStream();
        await letter.Open().CopyToAsync(bytes);
        PdfText.Read(bytes.ToArray()).ShouldContain("Your data is enclosed.");

        var audited = await ReadAsync(c => c.QuerySingleAsync<(string Officer, string Detail)>(
            "select officer, detail from audit_log where action = 'export' and subject_kind = 'person'"));
        audited.Officer.ShouldBe("dpo");
        audited.Detail.ShouldStartWith("Subject access export");
    }

    [Fact]
    public async Task There_is_no_pack_for_a_person_not_on_file()
    {
        await SetUpAsync();
        (await InTransactionAsync((c, tx) => SubjectAccessExport.HandleAsync(c, tx, Council, 999_999, [], "dpo", null, Now)))
            .ShouldBeOfType<Outcome<SubjectAccessExport.Pack>.NotFound>();
        (await CountAsync("audit_log")).ShouldBe(0);
    }
}
