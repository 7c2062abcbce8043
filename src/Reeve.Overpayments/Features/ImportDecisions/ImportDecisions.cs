#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Overpayments.Domain;
using Reeve.Persistence;

namespace Reeve.Overpayments.Features.ImportDecisions;

/// <summary>
/// Imports the overpayment decisions the benefits system made (docs/domain/hb-overpayments.md). All or nothing: every line is
/// checked (its fields, the law's rules, the claim and the person on it, the decisions already held) before anything is written,
/// and a file with any problem is refused whole, naming each line and field. Idempotent: the same file again is recognised by its
/// hash; a decision already imported is skipped when it is the same and refused when it is not. A recoverable decision is a debt:
/// an account liable to the person it is recovered from (found on the claim by role), charged through the Ledger with its reason
/// and the law, and a decision notice with the right of appeal queued through Letters. A revised decision reverses the charge of
/// the one it revises and is charged in its place, on the same account when the same person owes it.
/// </summary>
public static class ImportDecisions
{
    public const int MaxProblems = 50;

    public sealed record Request(CouncilId Council, string FileName, byte[] Content, LocalDate Today, string Officer);

    public sealed record Problem(int Line, string Field, string Message)
    {
        public string Where => Line == 0 ? Field : $"line {Line}: {Field}";
    }

    public sealed record Report(long ImportId, int Lines, int Recoverable, int Irrecoverable, int AlreadyImported, int Revisions, Money Charged, Money Reversed, int Notices);

    public abstract record Result
    {
        private Result()
        {
        }

        public sealed record Imported(Report Report) : Result;

        public sealed record AlreadyImported(long ImportId) : Result;

        public sealed record Refused(IReadOnlyList<Problem> Problems) : Result;
    }

    /// <summary>The law a charge follows, whoever owes it.</summary>
    public const string ChargeSource =
        "Social Security Administration Act 1992 s75; HB Regs 2006 (SI 2006/213) reg 100 (recoverable overpayment) and reg 101 (from whom)";

    /// <summary>
    /// Runs the import in a transaction of its own, ended by <paramref name="finish"/> when the file is imported: committed
    /// (with what the caller writes alongside), or rolled back as a preview of exactly what it would post. A refusal or a file
    /// seen before writes nothing.
    /// </summary>
    public static Task<Result> HandleAsync(ReeveDatabase db, Request request, Instant now, ImportFinish finish, CancellationToken ct = default) =>
        finish.RunAsync(db, (connection, tx) => HandleAsync(connection, tx, request, now, ct), result => result is Result.Imported, ct);

    public static async Task<Result> HandleAsync(DbConnection connection, DbTransaction tx, Request request, Instant now, CancellationToken ct = default)
    {
        var council = request.Council;
        var hash = Convert.ToHexString(SHA256.HashData(request.Content));
        if (await connection.ExecuteScalarAsync<long?>("select import_id from hb_decision_import where council_id = @council and file_sha256 = @hash",
                new { council = council.Value, hash }, tx) is { } done)
        {
            return new Result.AlreadyImported(done);
        }

        IReadOnlyList<OverpaymentDecision> decisions;
        try
        {
            decisions = DecisionFile.Read(Encoding.UTF8.GetString(request.Content));
        }
        catch (CsvFormatException bad)
        {
            return new Result.Refused([new Problem(bad.Line, bad.Field, bad.Message)]);
        }

        var problems = new List<Problem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in decisions)
        {
            if (!seen.Add(d.DecisionReference))
            {
                problems.Add(new Problem(d.Line, "decision_reference", $"Decision {d.DecisionReference} is on an earlier line of this file too"));
            }
            else if (OverpaymentRules.Problem(d) is { } rule)
            {
                problems.Add(new Problem(d.Line, rule.Field, rule.Message));
            }
        }

        var claims = await ClaimPartiesAsync(connection, tx, council, decisions.Select(d => d.ClaimReference).Distinct(StringComparer.Ordinal).ToArray());
        var held = await HeldAsync(connection, tx, council, decisions.Select(d => d.DecisionReference).Concat(decisions.Where(d => d.Revises is not null).Select(d => d.Revises!))
            .Distinct(StringComparer.Ordinal).ToArray());
        var fresh = new List<(OverpaymentDecision Decision, long PartyId)>();
        var alreadyImported = 0;
        var inFile = new Dictionary<string, (OverpaymentDecision Decision, long PartyId)>(StringComparer.Ordinal);
        var revisedHere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in decisions)
        {
            if (held.TryGetValue(d.DecisionReference, out var before))
            {
                if (before.fingerprint == d.Fingerprint())
                {
                    alreadyImported++;
                }
                else
                {
                    problems.Add(new Problem(d.Line, "decision_reference",
                        $"Decision {d.DecisionReference} was imported before with other details; a change to a decision is a revised decision under a new reference"));
                }

                continue;
            }

            if (!claims.TryGetValue(d.ClaimReference, out var roles))
            {
                problems.Add(new Problem(d.Line, "claim_reference", $"There is no claim {d.ClaimReference}: the claim must be recorded before its overpayment"));
                continue;
            }

            if (!roles.TryGetValue(d.RecoverFrom.Code(), out var partyId))
            {
                problems.Add(new Problem(d.Line, "recover_from", $"Claim {d.ClaimReference} has no {d.RecoverFrom.Code()} recorded to recover from"));
                continue;
            }

            if (d.Revises is { } revises)
            {
                var claimOfRevised = held.TryGetValue(revises, out var old) ? old.claim_reference
                    : inFile.TryGetValue(revises, out var earlier) ? earlier.Decision.ClaimReference : null;
                if (claimOfRevised is null)
                {
                    problems.Add(new Problem(d.Line, "revises", $"There is no decision {revises} to revise (a revision comes after the decision it revises)"));
                    continue;
                }

                if (claimOfRevised != d.ClaimReference)
                {
                    problems.Add(new Problem(d.Line, "revises", $"Decision {revises} is on claim {claimOfRevised}, not {d.ClaimReference}"));
                    continue;
                }

                if ((old is not null && old.revised_by is not null) || !revisedHere.Add(revises))
                {
                    problems.Add(new Problem(d.Line, "revises", $"Decision {revises} has already been revised by {old?.revised_by ?? "an earlier line"}; revise the newest decision"));
                    continue;
                }
            }

            inFile[d.DecisionReference] = (d, partyId);
            fresh.Add((d, partyId));
        }

        if (problems.Count > 0)
        {
            return new Result.Refused([.. problems.OrderBy(p => p.Line).Take(MaxProblems)]);
        }

        return new Result.Imported(await WriteAsync(connection, tx, request, hash, now, decisions.Count, fresh, alreadyImported, held, ct));
    }

    private sealed record Placed(OverpaymentDecision Decision, long PartyId, long? AccountId, string Key);

    private static async Task<Report> WriteAsync(
        DbConnection connection, DbTransaction tx, Request request, string hash, Instant now, int lines,
        List<(OverpaymentDecision Decision, long PartyId)> fresh, int alreadyImported, Dictionary<string, HeldRow> held, CancellationToken ct)
    {
        var council = request.Council;
        var importId = await IdAllocator.ReserveAsync(connection, tx, council, "hb_decision_import", 1);
        await connection.ExecuteAsync(
            "insert into hb_decision_import (council_id, import_id, file_name, file_sha256, lines, imported_by, imported_at) values (@council, @importId, @file, @hash, @lines, @officer, @now)",
            new { council = council.Value, importId, file = request.FileName, hash, lines, officer = request.Officer, now }, tx);

        // A revision owed by the same person as the decision it revises stays on that debt's account; any other recoverable
        // decision opens an account of its own, liable to the person it is recovered from.
        var accountOf = held.Values.Where(h => h.account_id is not null).ToDictionary(h => h.decision_reference, h => (h.account_id!.Value, h.party_id), StringComparer.Ordinal);
        var needNew = fresh.Where(f => f.Decision.Recoverable && !SameDebt(f, accountOf, fresh)).ToList();
        var opened = await AccountStore.OpenManyAsync(connection, tx, council, AccountKind.HousingBenefitOverpayment,
            needNew.Select(f => new AccountStore.NewAccount(f.Decision.DecidedOn, f.PartyId)).ToList(), now, ct);
        var openedFor = needNew.Select((f, i) => (f.Decision.DecisionReference, opened[i].AccountId)).ToDictionary(p => p.DecisionReference, p => p.AccountId, StringComparer.Ordinal);
        var placed = new List<Placed>(fresh.Count);
        foreach (var (d, partyId) in fresh)
        {
            long? account = null;
            if (d.Recoverable)
            {
                account = openedFor.TryGetValue(d.DecisionReference, out var id) ? id : accountOf[d.Revises!].Item1;
                accountOf[d.DecisionReference] = (account.Value, partyId);
            }

            placed.Add(new Placed(d, partyId, account, string.Create(CultureInfo.InvariantCulture, $"hb-overpayment:{council.Value}:{d.DecisionReference}")));
        }

        var charges = placed.Where(p => p.AccountId is not null).Select(p => new NewEntry(council, p.AccountId!.Value, EntryKind.Charge, p.Decision.Amount,
            FinancialYear.Containing(p.Decision.DecidedOn), p.Decision.DecidedOn, request.Officer,
            $"Housing Benefit overpayment, decision {p.Decision.DecisionReference} on claim {p.Decision.ClaimReference} for {DateText.FormatIso(p.Decision.PeriodFrom)} to " +
            $"{DateText.FormatIso(p.Decision.PeriodTo)} ({p.Decision.Cause.Code()}), recoverable from the {p.Decision.RecoverFrom.Code()}" +
            (p.Decision.Revises is { } r ? $", revising decision {r}" : ""),
            ChargeSource, p.Key)).ToList();
        var entryOf = new Dictionary<string, long>(StringComparer.Ordinal);
        if (charges.Count > 0)
        {
            if (await PostEntries.PostAsync(connection, tx, charges, now, ct) is not Outcome<PostResult>.Done { Value: var posted })
            {
                throw new InvalidOperationException("The ledger refused the overpayment charges the import had checked");
            }

            foreach (var e in posted.Posted)
            {
                entryOf[e.IdempotencyKey!] = e.EntryId;
            }
        }

        await connection.ExecuteAsync(
            "insert into hb_overpayment (council_id, decision_reference, claim_reference, import_id, line_number, period_from, period_to, amount_pence, cause, recoverable, " +
            "recover_from, party_id, decided_on, due_on, financial_year, revises, account_id, charge_entry_id, fingerprint) values (@council, @reference, @claim, @importId, @line, " +
            "@from, @to, @amount, @cause, @recoverable, @recoverFrom, @party, @decided, @due, @year, @revises, @account, @entry, @fingerprint)",
            placed.Select(p => new
            {
                council = council.Value, reference = p.Decision.DecisionReference, claim = p.Decision.ClaimReference, importId, line = p.Decision.Line,
                from = p.Decision.PeriodFrom, to = p.Decision.PeriodTo, amount = p.Decision.Amount.Pence, cause = p.Decision.Cause.Code(),
                recoverable = p.Decision.Recoverable ? 1 : 0, recoverFrom = p.Decision.RecoverFrom.Code(), party = p.PartyId, decided = p.Decision.DecidedOn,
                due = p.Decision.DueOn, year = FinancialYear.Containing(p.Decision.DecidedOn).StartYear, revises = p.Decision.Revises, account = p.AccountId,
                entry = entryOf.TryGetValue(p.Key, out var e) ? e : (long?)null, fingerprint = p.Decision.Fingerprint(),
            }),
            tx);

        // The revised decision's charge is reversed, never edited: its entry, whether imported before or on an earlier line.
        var reversed = Money.Zero;
        foreach (var p in placed.Where(p => p.Decision.Revises is not null))
        {
            var old = p.Decision.Revises!;
            var oldEntry = held.TryGetValue(old, out var h) ? h.charge_entry_id
                : entryOf.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"hb-overpayment:{council.Value}:{old}"), out var e) ? e : (long?)null;
            if (oldEntry is not { } entryId)
            {
                continue; // the revised decision was irrecoverable: nothing was charged
            }

            if (await ReverseEntry.ReverseAsync(connection, tx, council, entryId, p.Decision.DecidedOn, request.Officer,
                    $"Overpayment decision {old} revised by decision {p.Decision.DecisionReference}", now) is not Outcome<PostedEntry>.Done { Value: var reversal })
            {
                throw new InvalidOperationException($"The charge of decision {old} could not be reversed");
            }

            reversed += reversal.Amount;
        }

        var notices = placed.Where(p => p.AccountId is not null).Select(p => new LetterRequest(council, p.AccountId!.Value, request.Today, p.Key,
            new OverpaymentDecisionFields(p.Decision.ClaimReference, p.Decision.PeriodFrom, p.Decision.PeriodTo, p.Decision.Amount, p.Decision.Cause.Describe(),
                p.Decision.RecoverFrom.Describe(), p.Decision.DecidedOn, request.Today.PlusMonths(1), p.Decision.Revises))).ToList();
        var queued = await LetterRequests.RequestManyAsync(connection, tx, notices, now) switch
        {
            Outcome<int>.Done q => q.Value,
            var refused => throw new InvalidOperationException($"Letters refused a decision notice: {refused}"),
        };

        return new Report(importId, lines, placed.Count(p => p.AccountId is not null), placed.Count(p => p.AccountId is null), alreadyImported,
            placed.Count(p => p.Decision.Revises is not null), Money.Sum(charges.Select(c => c.Amount)), reversed, queued);
    }

    // Whether a fresh decision stays on the account of the decision it revises: that one was charged (or is charged on an earlier
    // line) and is owed by the same person.
    private static bool SameDebt((OverpaymentDecision Decision, long PartyId) f, Dictionary<string, (long, long)> accountOf, List<(OverpaymentDecision Decision, long PartyId)> fresh)
    {
        if (f.Decision.Revises is not { } revises)
        {
            return false;
        }

        if (accountOf.TryGetValue(revises, out var held))
        {
            return held.Item2 == f.PartyId;
        }

        var earlier = fresh.FirstOrDefault(x => x.Decision.DecisionReference == revises);
        return earlier.Decision is { Recoverable: true } && earlier.PartyId == f.PartyId;
    }

    private static async Task<Dictionary<string, Dictionary<string, long>>> ClaimPartiesAsync(DbConnection connection, DbTransaction tx, CouncilId council, string[] claims)
    {
        var result = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var dialect = SqlDialect.Of(connection);
        foreach (var chunk in claims.Chunk(500))
        {
            foreach (var c in await connection.QueryAsync<string>("select claim_reference from hb_claim where council_id = @council and claim_reference " + dialect.AnyOf("refs"),
                         new { council = council.Value, refs = chunk }, tx))
            {
                result[c] = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            foreach (var row in await connection.QueryAsync<(string Claim, string Role, long Party)>(
                         "select claim_reference, role, party_id from hb_claim_party where council_id = @council and claim_reference " + dialect.AnyOf("refs"),
                         new { council = council.Value, refs = chunk }, tx))
            {
                result[row.Claim][row.Role] = row.Party;
            }
        }

        return result;
    }

    private sealed class HeldRow
    {
        public string decision_reference { get; set; } = "";
        public string claim_reference { get; set; } = "";
        public string fingerprint { get; set; } = "";
        public long party_id { get; set; }
        public long? account_id { get; set; }
        public long? charge_entry_id { get; set; }
        public string? revised_by { get; set; }
    }

    private static async Task<Dictionary<string, HeldRow>> HeldAsync(DbConnection connection, DbTransaction tx, CouncilId council, string[] references)
    {
        var result = new Dictionary<string, HeldRow>(StringComparer.Ordinal);
        var dialect = SqlDialect.Of(connection);
        foreach (var chunk in references.Chunk(500))
        {
            foreach (var row in await connection.QueryAsync<HeldRow>(
                         "select o.decision_reference, o.claim_reference, o.fingerprint, o.party_id, o.account_id, o.charge_entry_id, " +
                         "(select r.decision_reference from hb_overpayment r where r.council_id = o.council_id and r.revises = o.decision_reference) as revised_by " +
                         "from hb_overpayment o where o.council_id = @council and o.decision_reference " + dialect.AnyOf("refs"),
                         new { council = council.Value, refs = chunk }, tx))
            {
                result[row.decision_reference] = row;
            }
        }

        return result;
    }
}
