using NodaTime;
using Reeve.Kernel;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery.Tests.Domain;

/// <summary>One account's year for the engine, written in the test as the contract's JSON would write it.</summary>
internal sealed class RecoveryCaseBuilder(int financialYear)
{
    private readonly List<Instalment> _instalments = [];
    private readonly List<Payment> _payments = [];
    private readonly List<LocalDate> _sessions = [];
    private readonly List<Hold> _holds = [];
    private RecoveryProfile _profile = RecoveryProfile.CouncilTax;

    public static LocalDate D(string iso) => DateText.Iso.Parse(iso).Value;

    public static Money M(string amount) => MoneyText.Parse(amount);

    public RecoveryCaseBuilder Due(string date, string amount)
    {
        _instalments.Add(new Instalment(D(date), M(amount)));
        return this;
    }

    /// <summary>Instalments of the same amount on the same day of each month, starting from the first date.</summary>
    public RecoveryCaseBuilder Monthly(string first, int count, string amount)
    {
        _instalments.AddRange(EachMonth(first, count).Select(due => new Instalment(due, M(amount))));
        return this;
    }

    public RecoveryCaseBuilder Paid(string date, string amount)
    {
        _payments.Add(new Payment(D(date), M(amount)));
        return this;
    }

    /// <summary>The same amount paid on the same day of each month, starting from the first date.</summary>
    public RecoveryCaseBuilder PaidMonthly(string first, int count, string amount)
    {
        _payments.AddRange(EachMonth(first, count).Select(date => new Payment(date, M(amount))));
        return this;
    }

    private static IEnumerable<LocalDate> EachMonth(string first, int count) =>
        Enumerable.Range(0, count).Select(i => D(first).PlusMonths(i));

    public RecoveryCaseBuilder Sessions(params string[] dates)
    {
        _sessions.AddRange(dates.Select(D));
        return this;
    }

    public RecoveryCaseBuilder Held(string from, string to, string reason)
    {
        _holds.Add(new Hold(new DateInterval(D(from), D(to)), reason));
        return this;
    }

    public RecoveryCaseBuilder Profile(int reminderDaysAfterDue, int summonsDaysAfterBalanceDue, int minimumDaysSummonsToHearing)
    {
        _profile = new RecoveryProfile(reminderDaysAfterDue, summonsDaysAfterBalanceDue, minimumDaysSummonsToHearing);
        return this;
    }

    public RecoveryCase AsAt(string date) =>
        new(new FinancialYear(financialYear), _instalments, _payments, _profile, _sessions, _holds, D(date));

    public RecoveryTimeline PlayTo(string asAt) => RecoveryEngine.Play(AsAt(asAt), WorkingDays.EnglandAndWales);
}
