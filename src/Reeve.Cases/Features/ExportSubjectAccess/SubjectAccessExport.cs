using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.Cases.Features.ExportSubjectAccess;

/// <summary>
/// Everything Reeve holds on a person, as one zip for a subject access request (UK GDPR Art 15): their names, addresses
/// and contact details; the accounts they are or were liable on, with every ledger line; the accounts' history and
/// notes, holds, arrangements, vulnerability and Breathing Space records; their cases; every letter as a PDF; and the
/// audit of who viewed or changed their records; and whatever each other module holds on them (Direct Debit mandates,
/// refunds, residence and awards, enforcement, portal sign-ins, sundry invoices, Housing Benefit overpayments...), asked
/// of every registered <see cref="IPersonalDataSource"/>. Each part is read through the module that owns it. Making the
/// pack is itself audited, in the same transaction.
/// </summary>
public static class SubjectAccessExport
{
    public sealed record Pack(string FileName, byte[] Zip, IReadOnlyList<string> Entries);

    public static async Task<Outcome<Pack>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long partyId, IEnumerable<IPersonalDataSource> sources, string officer,
        string? remoteAddress, Instant now)
    {
        var party = await PartyReader.GetAsync(connection, council, partyId, tx);
        if (party is null)
        {
            return new Outcome<Pack>.NotFound($"person {partyId}");
        }

        var files = new List<(string Name, byte[] Content)>();
        void Csv(string name, string[] header, IEnumerable<string?[]> rows) => files.Add((name, CsvBytes(header, rows)));

        Csv("personal-details.csv", ["what", "value", "from", "to", "recorded"],
            party.Names.Select(n => new[] { "name", n.DisplayName, Date(n.EffectiveFrom), "", $"{n.Reason} by {n.RecordedBy}, {UkTime.Describe(n.RecordedAt)}" })
                .Concat(party.DateOfBirth is { } dob ? [["date of birth", Date(dob), "", "", ""]] : [])
                .Concat(party.DeceasedOn is { } died ? [["date of death", Date(died), "", "", ""]] : [])
                .Concat(party.Addresses.Select(a => new[]
                {
                    "correspondence address", string.Join(", ", new[] { a.Line1, a.Line2, a.Line3, a.Town, a.Postcode }.Where(l => !string.IsNullOrWhiteSpace(l))),
                    Date(a.ValidFrom), a.ValidTo is { } to ? Date(to) : "", "",
                }))
                .Concat(party.Contacts.Select(c => new[] { c.Kind, c.Value, "", "", c.IsPreferred ? "preferred" : "" })));

        var view = await PersonAccounts.ViewAsync(connection, council, partyId, viewerRank: int.MaxValue);
        var accounts = view.Accounts.GroupBy(a => a.Account.AccountId).Select(g => g.First()).ToList();
        var referenceOf = accounts.ToDictionary(a => a.Account.AccountId, a => a.Account.Reference.Value);
        Csv("accounts.csv", ["account", "kind", "property", "liable from", "liable to", "opened", "closed", "balance"],
            view.Accounts.Select(a => new[]
            {
                a.Account.Reference.Value, a.Account.Kind.ToString(), a.Property ?? "", Date(a.Liability.LiableFrom), a.Liability.LiableTo is { } t ? Date(t) : "",
                Date(a.Account.OpenedOn), a.Account.ClosedOn is { } c ? Date(c) : "", a.Balance.ToDisplayString(),
            }));

        var ledger = (await ReadAccountLedger.EntriesForAccountsAsync(connection, council, referenceOf.Keys.ToList(), tx))
            .Select(e => new[]
            {
                referenceOf[e.AccountId], Date(e.EffectiveDate), e.Year.ToString(), e.Kind.ToString(), e.Reason, e.EffectOnAccount.ToDisplayString(),
                e.SourceRule, e.PostedBy, e.ReversesEntryId?.ToString(CultureInfo.InvariantCulture) ?? "",
            });
        Csv("ledger.csv", ["account", "date", "financial year", "kind", "reason", "effect on balance", "rule", "posted by", "reverses entry"], ledger);

        var events = await PersonAccounts.EventsAsync(connection, council, partyId, 0, tx);
        Csv("notes-and-history.csv", ["account", "date", "kind", "what happened", "by"],
            events.OrderBy(e => e.EventId).Select(e => new[] { referenceOf.GetValueOrDefault(e.AccountId, ""), Date(e.EffectiveDate), e.Kind, e.Summary, e.Officer }));
        Csv("holds.csv", ["account", "reason", "from", "to", "note", "placed by"],
            view.Holds.Select(h => new[] { referenceOf.GetValueOrDefault(h.AccountId, ""), h.Reason.ToString(), Date(h.From), h.To is { } t ? Date(t) : "", h.Note, h.PlacedBy }));
        Csv("arrangements.csv", ["arrangement", "status", "frequency", "total", "starts", "ended", "why it ended", "instalments"],
            view.Arrangements.Select(a => new[]
            {
                a.ArrangementId.ToString(CultureInfo.InvariantCulture), a.Status, a.Frequency.ToString(), a.Total.ToDisplayString(), Date(a.StartOn),
                a.EndedOn is { } e ? Date(e) : "", a.EndReason ?? "", a.Instalments.Count.ToString(CultureInfo.InvariantCulture),
            }));
        Csv("vulnerability-and-support.csv", ["what", "category or scheme", "detail", "consent", "review or date", "ended"],
            view.Vulnerability.Select(v => new[] { "vulnerability", v.Category, v.Detail, v.ConsentGiven ? $"given {Date(v.ConsentOn)}" : "not given", Date(v.ReviewOn), v.EndedOn is { } e ? Date(e) : "" })
                .Concat(view.Signposting.Select(s => new[] { "signposted", s.Scheme, s.Note, "", Date(s.SignpostedOn), "" })));
        Csv("breathing-space.csv", ["kind", "reference", "start", "end", "status"],
            view.BreathingSpaces.Select(b => new[] { b.Title, b.Reference, Date(b.StartDate), b.EndDate is { } e ? Date(e) : "", b.Status }));

        var cases = await ListCases.ListCases.ForPartyAsync(connection, council, partyId);
        Csv("cases.csv", ["case", "kind", "received", "about", "state", "outcome", "response"],
            cases.Select(c => new[] { c.Reference, c.Kind.Title(), Date(c.ReceivedOn), c.Description, c.State.Code(), CaseKinds.OutcomeTitle(c.Kind, c.Outcome), c.Response ?? "" }));

        var subject = new PersonalDataSubject(council, partyId, referenceOf.Keys.ToList());
        foreach (var source in sources)
        {
            foreach (var file in await source.ReadAsync(connection, tx, subject))
            {
                Csv(file.Name, [.. file.Header], file.Rows.Select(r => r.ToArray<string?>()));
            }
        }

        foreach (var account in accounts)
        {
            foreach (var notice in await NoticeStore.ForAccountAsync(connection, council, account.Account.AccountId))
            {
                if (await NoticeStore.ContentAsync(connection, council, notice.ContentHash) is { } content)
                {
                    var extension = notice.Channel == Channel.Letter ? "pdf" : "md";
                    files.Add(($"letters/{account.Account.Reference.Value}-{notice.NoticeId}-{notice.Type.Code()}.{extension}", content));
                }
            }
        }

        foreach (var letter in await AnswerCase.CaseLetters.ForPartyAsync(connection, council, partyId))
        {
            if (await NoticeStore.ContentAsync(connection, council, letter.ContentHash) is { } content)
            {
                var reference = cases.FirstOrDefault(c => c.CaseId == letter.CaseId)?.Reference ?? $"case-{letter.CaseId}";
                files.Add(($"letters/{reference}-response-{letter.LetterId}.pdf", content));
            }
        }

        // Officers' views and changes are audited by subject: the person by id, an account by its reference, a case by id.
        var subjects = new List<(string Kind, string Id, string What)> { ("person", partyId.ToString(CultureInfo.InvariantCulture), "this person's record") };
        subjects.AddRange(accounts.Select(a => ("account", a.Account.Reference.Value, $"account {a.Account.Reference.Value}")));
        subjects.AddRange(cases.Select(c => ("case", c.CaseId.ToString(CultureInfo.InvariantCulture), $"case {c.Reference}")));
        var audit = new List<(AuditEntry a, string Subject)>();
        foreach (var (kind, id, what) in subjects)
        {
            audit.AddRange((await AuditTrail.ForSubjectAsync(connection, council, kind, id, int.MaxValue)).Select(a => (a, what)));
        }

        Csv("audit-of-who-viewed-or-changed.csv", ["when", "officer", "action", "what", "detail"],
            audit.OrderBy(x => x.a.At).Select(x => new[] { UkTime.Describe(x.a.At), x.a.Officer, x.a.Action, x.Subject, x.a.Detail }));

        files.Insert(0, ("README.txt", Encoding.UTF8.GetBytes(Readme(party.DisplayName, now, files.Select(f => f.Name).ToList()))));
        var zip = Zip(files);
        await AuditTrail.RecordAsync(connection, tx, council, officer, "export", "person", partyId.ToString(CultureInfo.InvariantCulture),
            $"Subject access export: {files.Count} files", remoteAddress, now);
        return new Pack($"subject-access-{partyId}-{DateText.FormatIso(now.InZone(UkTime.Zone).Date)}.zip", zip, files.Select(f => f.Name).ToList());
    }

    private static string Readme(string name, Instant now, IReadOnlyList<string> names) =>
        $"""
        The personal data the council's revenues system (Reeve) holds about {name}, made on {UkTime.Describe(now)}.
        This answers a subject access request under Article 15 of the UK General Data Protection Regulation.

        The files:
        {string.Join("\n", names.Select(n => "- " + n))}

        Each .csv file opens in a spreadsheet; one with only a heading row means the council holds nothing of that kind
        about you. Letters are the PDFs as sent (or the text of emails and text messages).
        """;

    private static string Date(LocalDate date) => DateText.FormatLong(date);

    private static byte[] CsvBytes(string[] header, IEnumerable<string?[]> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Field)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }

    // RFC 4180 quoting; a field that a spreadsheet would take for a formula (=, +, @, or - not starting a sum of money)
    // gets a leading apostrophe so it shows as text.
    private static string Field(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && (v[0] is '=' or '+' or '@' || (v[0] == '-' && (v.Length == 1 || !(char.IsAsciiDigit(v[1]) || v[1] == '£')))))
        {
            v = "'" + v;
        }

        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    private static byte[] Zip(IReadOnlyList<(string Name, byte[] Content)> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
