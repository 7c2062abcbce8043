#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>A Standard Financial Statement as taken: the budget, the day it describes, and who took it.</summary>
public sealed record IncomeAndExpenditure(long Id, long PartyId, LocalDate TakenOn, Instant TakenAt, string TakenBy, Budget Budget);

/// <summary>Keeps each income and expenditure statement (never overwritten: a new one is taken instead) and reads the latest.</summary>
public static class IncomeAndExpenditureStore
{
    public static async Task<Outcome<IncomeAndExpenditure>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long partyId, LocalDate takenOn, Budget budget, string officer, Instant now)
    {
        if (await PartyReader.GetAsync(connection, council, partyId) is null)
        {
            return new Outcome<IncomeAndExpenditure>.NotFound($"person {partyId}");
        }

        // Amounts reach here already parsed, but one out of range or a creditor past the limits must never be stored whatever the caller.
        foreach (var (section, category, amount) in Lines(budget))
        {
            if (FieldRules.Amount(amount, "The amount", allowZero: true) is { } wrong)
            {
                return new Outcome<IncomeAndExpenditure>.Invalid($"{section}.{category}", wrong);
            }
        }

        foreach (var debt in budget.Debts)
        {
            if ((FieldRules.Name(debt.Reference, "Who the debt is owed to") ?? FieldRules.Text(debt.Kind, "The kind of debt", FieldRules.NameMax)) is { } wrong)
            {
                return new Outcome<IncomeAndExpenditure>.Invalid($"debt.{debt.Reference[..Math.Min(debt.Reference.Length, 20)]}", wrong);
            }
        }

        if (budget.HouseholdAdults is < 1 or > 20 || budget.HouseholdChildren is < 0 or > 20)
        {
            return new Outcome<IncomeAndExpenditure>.Invalid("household", "A household must have 1 to 20 adults and 0 to 20 children");
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "income_expenditure", 1);
        await connection.ExecuteAsync(
            "insert into income_expenditure (council_id, ie_id, party_id, taken_on, taken_at, taken_by, household_adults, household_children) " +
            "values (@council, @id, @partyId, @takenOn, @now, @officer, @adults, @children)",
            new
            {
                council = council.Value, id, partyId, takenOn, now,
                officer, adults = budget.HouseholdAdults, children = budget.HouseholdChildren,
            },
            tx);
        var lineNo = 0;
        var rows = new List<object>();
        foreach (var (section, category, amount) in Lines(budget))
        {
            var debt = section == "debt" ? budget.Debts.First(d => d.Reference == category) : null;
            rows.Add(new
            {
                council = council.Value, id, lineNo = ++lineNo, section, category, amount = amount.Pence,
                kind = debt?.Kind, priority = debt is { Priority: true } ? 1 : 0,
            });
        }

        await connection.ExecuteAsync(
            "insert into income_expenditure_line (council_id, ie_id, line_no, section, category, amount_pence, debt_kind, is_priority) " +
            "values (@council, @id, @lineNo, @section, @category, @amount, @kind, @priority)", rows, tx);
        return new IncomeAndExpenditure(id, partyId, takenOn, now, officer, budget);
    }

    public static async Task<IncomeAndExpenditure?> LatestAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null)
    {
        var head = await connection.QuerySingleOrDefaultAsync<HeadRow>(
            "select ie_id, party_id, taken_on, taken_at, taken_by, household_adults, household_children from income_expenditure " +
            "where council_id = @council and party_id = @partyId order by taken_on desc, ie_id desc limit 1",
            new { council = council.Value, partyId }, tx);
        if (head is null)
        {
            return null;
        }

        var lines = (await connection.QueryAsync<LineRow>(
            "select section, category, amount_pence, debt_kind, is_priority from income_expenditure_line where council_id = @council and ie_id = @id order by line_no",
            new { council = council.Value, id = head.ie_id }, tx)).ToList();
        var budget = new Budget(
            head.household_adults, head.household_children,
            lines.Where(l => l.section == "income").Select(l => (l.category, Money.FromPence(l.amount_pence))).ToList(),
            lines.Where(l => l.section == "expenditure").Select(l => (l.category, Money.FromPence(l.amount_pence))).ToList(),
            lines.Where(l => l.section == "debt").Select(l => new Debt(l.category, l.debt_kind ?? "other", Money.FromPence(l.amount_pence), l.is_priority != 0)).ToList());
        return new IncomeAndExpenditure(head.ie_id, head.party_id, head.taken_on, head.taken_at, head.taken_by, budget);
    }

    private static IEnumerable<(string Section, string Category, Money Amount)> Lines(Budget budget) =>
        budget.Income.Select(i => ("income", i.Category, i.Monthly))
            .Concat(budget.Expenditure.Select(e => ("expenditure", e.Category, e.Monthly)))
            .Concat(budget.Debts.Select(d => ("debt", d.Reference, d.Balance)));

    private sealed class HeadRow
    {
        public long ie_id { get; set; }
        public long party_id { get; set; }
        public LocalDate taken_on { get; set; }
        public Instant taken_at { get; set; }
        public string taken_by { get; set; } = "";
        public int household_adults { get; set; }
        public int household_children { get; set; }
    }

    private sealed class LineRow
    {
        public string section { get; set; } = "";
        public string category { get; set; } = "";
        public long amount_pence { get; set; }
        public string? debt_kind { get; set; }
        public long is_priority { get; set; }
    }
}

/// <summary>
/// Spending guidelines as council configuration, effective-dated. The official SFS figures are for member
/// organisations only (shared/rulebook.md section 7), so Reeve ships none; the demo council is seeded with the
/// labelled example figures of <see cref="SpendingGuidelines.DemoExample"/>.
/// </summary>
public static class SpendingGuidelineStore
{
    public const string DemoLabel = "Example figures for the demo council, not the official SFS spending guidelines";

    /// <summary>The figures in force on a day: for each category, the row with the latest start on or before it. None loaded: no guideline flags.</summary>
    public static async Task<SpendingGuidelines> InForceOnAsync(DbConnection connection, CouncilId council, LocalDate day, DbTransaction? tx = null)
    {
        var rows = await connection.QueryAsync<Row>(
            "select g.category, g.first_adult_pence, g.each_other_adult_pence, g.each_child_pence from spending_guideline g " +
            "where g.council_id = @council and g.effective_from = (select max(h.effective_from) from spending_guideline h " +
            "where h.council_id = g.council_id and h.category = g.category and h.effective_from <= @day)",
            new { council = council.Value, day }, tx);
        return new SpendingGuidelines(rows.ToDictionary(
            r => r.category,
            r => (Money.FromPence(r.first_adult_pence), Money.FromPence(r.each_other_adult_pence), Money.FromPence(r.each_child_pence)),
            StringComparer.Ordinal));
    }

    public static async Task SetAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, string category, LocalDate effectiveFrom,
        Money firstAdult, Money eachOtherAdult, Money eachChild, string label)
    {
        await connection.ExecuteAsync(
            "insert into spending_guideline (council_id, category, effective_from, first_adult_pence, each_other_adult_pence, each_child_pence, label) " +
            "values (@council, @category, @from, @first, @other, @child, @label)",
            new
            {
                council = council.Value, category, from = effectiveFrom, first = firstAdult.Pence,
                other = eachOtherAdult.Pence, child = eachChild.Pence, label,
            },
            tx);
    }

    /// <summary>Loads the invented example figures for a demo council only.</summary>
    public static async Task SeedDemoExampleAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate effectiveFrom)
    {
        foreach (var (category, f) in SpendingGuidelines.DemoExample.Figures)
        {
            await SetAsync(connection, tx, council, category, effectiveFrom, f.FirstAdult, f.EachOtherAdult, f.EachChild, DemoLabel);
        }
    }

    private sealed class Row
    {
        public string category { get; set; } = "";
        public long first_adult_pence { get; set; }
        public long each_other_adult_pence { get; set; }
        public long each_child_pence { get; set; }
    }
}
