using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.PersonCasework;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People;

/// <summary>
/// A Standard Financial Statement taken with the person: household, monthly income and expenditure by SFS category,
/// and their other debts with whether each is a priority debt. Blank amounts are nothing; an amount that is not money
/// or is negative is refused naming the field, and nothing is kept.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class IncomeAndExpenditureModel(ReeveDatabase db, CaseworkCommand casework) : PageModel
{
    public const int DebtRows = 3;

    public static readonly IReadOnlyList<(string Code, string Label)> IncomeLabels =
    [
        ("earnings", "Earnings after tax"), ("benefits", "Benefits and tax credits"), ("pensions", "Pensions"), ("other", "Other income (maintenance, lodgers)"),
    ];

    public static readonly IReadOnlyList<(string Code, string Label)> ExpenditureLabels =
    [
        ("homeAndContents", "Home and contents"), ("travel", "Travel"), ("communicationsAndLeisure", "Communications and leisure"),
        ("foodAndHousekeeping", "Food and housekeeping"), ("personalCosts", "Personal costs"), ("savings", "Savings contributions"),
        ("fixedCosts", "Fixed costs (rent or mortgage, council tax, utilities, insurance)"),
    ];

    public long PartyId { get; private set; }

    public string Name { get; private set; } = "";

    public IFormCollection? Posted { get; private set; }

    /// <summary>The monthly totals as the server works them out from what was posted (zero before anything is).</summary>
    public BudgetTotals Totals { get; private set; } = new(Money.Zero, Money.Zero, 0);

    [BindProperty]
    public string? Action { get; set; }

    public string Value(string field, string fallback = "") => Posted?[field].ToString() ?? fallback;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Posted = Request.Form;
        var adults = Count("householdAdults", "the number of adults in the household", 1);
        var children = Count("householdChildren", "the number of children in the household", 0);
        var income = IncomeLabels.Select(c => (c.Code, Amount("income-" + c.Code, c.Label))).ToList();
        var spending = ExpenditureLabels.Select(c => (c.Code, Amount("expenditure-" + c.Code, c.Label))).ToList();
        var debts = new List<Debt>();
        for (var i = 1; i <= DebtRows; i++)
        {
            var creditor = Value($"debt{i}-creditor").Trim();
            var balanceText = Value($"debt{i}-balance").Trim();
            if (creditor.Length == 0 && balanceText.Length == 0)
            {
                continue;
            }

            if (FieldRules.Name(creditor, $"Who other debt {i} is owed to") is { } wrongCreditor)
            {
                ModelState.AddModelError($"debt{i}-creditor", wrongCreditor);
            }

            var balance = Amount($"debt{i}-balance", $"The balance of other debt {i}");
            if (ModelState.IsValid && debts.All(d => d.Reference != creditor))
            {
                debts.Add(new Debt(creditor, Value($"debt{i}-kind").Trim() is { Length: > 0 } kind ? kind : "other", balance, Value($"debt{i}-priority") == "yes"));
            }
        }

        Totals = new BudgetTotals(Money.Sum(income.Select(i => i.Item2)), Money.Sum(spending.Select(i => i.Item2)),
            IncomeLabels.Select(c => "income-" + c.Code).Concat(ExpenditureLabels.Select(c => "expenditure-" + c.Code)).Count(f => ModelState.ContainsKey(f)));
        if (!ModelState.IsValid || Action == "totals")
        {
            return Page();
        }

        var budget = new Budget(adults, children, income, spending, debts);
        var outcome = await casework.RunAsync(HttpContext, id, "Income and expenditure taken",
            (c, tx, council, officer) => IncomeAndExpenditureStore.RecordAsync(c, tx, council, id, casework.Today, budget, officer, casework.Now), ct);
        switch (outcome)
        {
            case Outcome<IncomeAndExpenditure>.Done:
                TempData["Notice"] = "Income and expenditure saved";
                return Redirect($"/people/{id}#income-and-expenditure");
            case Outcome<IncomeAndExpenditure>.Invalid invalid:
                ModelState.AddModelError(invalid.Field, invalid.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private Money Amount(string field, string label)
    {
        var text = Value(field).Trim().TrimStart('£');
        if (text.Length == 0)
        {
            return Money.Zero;
        }

        if (!MoneyText.TryParse(text, out var money, out _))
        {
            ModelState.AddModelError(field, $"{label} must be an amount of money, like 120.50");
            return Money.Zero;
        }

        if (money.IsNegative)
        {
            ModelState.AddModelError(field, $"{label} cannot be negative");
            return Money.Zero;
        }

        return money;
    }

    private int Count(string field, string what, int min)
    {
        var text = Value(field).Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > 20)
        {
            ModelState.AddModelError(field, $"Enter {what} as a whole number from {min} to 20");
            return min;
        }

        return n;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var party = await PartyReader.GetAsync(connection, User.CouncilId(), id);
        PartyId = id;
        Name = party?.DisplayName ?? "";
        return party is not null;
    }
}

/// <summary>Monthly income and expenditure totals in pence, and how many amounts were left out as not money.</summary>
public sealed record BudgetTotals(Money Income, Money Expenditure, int Skipped)
{
    public Money Balance => Income - Expenditure;
}
