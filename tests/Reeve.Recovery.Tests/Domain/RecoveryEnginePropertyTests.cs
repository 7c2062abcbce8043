using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.Kernel;
using Reeve.Recovery.Domain;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Domain;

/// <summary>
/// Invariants of the engine over random years: instalments, on-time, late and missing payments, profiles, court
/// sessions and holds, all drawn from one seed so that a failing seed replays.
/// </summary>
public class RecoveryEnginePropertyTests
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales;

    internal static RecoveryCase RandomCase(int seed)
    {
        var rng = new Random(seed);
        var year = new FinancialYear(2025);
        var first = year.FirstDay.PlusDays(rng.Next(0, 60));
        var instalments = Enumerable.Range(0, rng.Next(1, 13))
            .Select(i => first.PlusMonths(i))
            .Where(year.Contains)
            .Select(due => new Instalment(due, Money.FromPence(rng.Next(100, 50_000))))
            .ToList();

        // Most instalments are paid around their due day, some not at all; a few odd payments fall anywhere.
        var payments = instalments.Where(_ => rng.NextDouble() < 0.75)
            .Select(i => new Payment(i.Due.PlusDays(rng.Next(-3, 12)), i.Amount))
            .Concat(Enumerable.Range(0, rng.Next(0, 4))
                .Select(_ => new Payment(year.FirstDay.PlusDays(rng.Next(-30, 500)), Money.FromPence(rng.Next(1, 60_000)))))
            .ToList();

        var profile = new RecoveryProfile(rng.Next(1, 22), rng.Next(0, 31), rng.Next(14, 31));
        var sessions = Enumerable.Range(0, rng.Next(0, 8)).Select(_ => year.FirstDay.PlusDays(rng.Next(0, 700))).ToList();
        var holds = Enumerable.Range(0, rng.Next(0, 3)).Select(_ =>
        {
            var from = year.FirstDay.PlusDays(rng.Next(0, 500));
            return new Hold(new DateInterval(from, from.PlusDays(rng.Next(0, 90))), "breathing-space");
        }).ToList();

        return new RecoveryCase(year, instalments, payments, profile, sessions, holds, year.FirstDay.PlusDays(rng.Next(0, 800)));
    }

    private static void ForAnyYear(Func<RecoveryCase, IReadOnlyList<RecoveryAction>, bool> holds) =>
        PropertyCheck.Holds(Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var recoveryCase = RandomCase(seed);
            return holds(recoveryCase, RecoveryEngine.Play(recoveryCase, Calendar).Actions);
        }), tests: 1000);

    [Fact]
    public void Actions_are_in_date_order_and_none_is_after_the_as_at_date()
    {
        // Contract: the timeline runs up to and including asAt and lists actions in date order.
        ForAnyYear((c, actions) =>
            actions.Zip(actions.Skip(1)).All(pair => pair.First.Date <= pair.Second.Date) && actions.All(a => a.Date <= c.AsAt));
    }

    [Fact]
    public void There_are_never_more_than_two_reminders_and_the_first_comes_first()
    {
        // reg 23(1)-(2): at most two reminders in a year.
        ForAnyYear((_, actions) =>
        {
            var reminders = actions.Where(a => a.Step is RecoveryStep.FirstReminder or RecoveryStep.SecondReminder).Select(a => a.Step).ToList();
            return reminders.Count <= 2 && reminders.SequenceEqual(new[] { RecoveryStep.FirstReminder, RecoveryStep.SecondReminder }.Take(reminders.Count));
        });
    }

    [Fact]
    public void A_summons_always_follows_a_loss_of_instalments_that_follows_a_reminder()
    {
        // reg 23(3)-(4), reg 34(1): no step skips the one the law requires before it.
        ForAnyYear((c, actions) =>
        {
            var lost = actions.ToList().FindIndex(a => a.Step == RecoveryStep.InstalmentsLost);
            var summons = actions.ToList().FindIndex(a => a.Step == RecoveryStep.Summons);
            var lostFollowsReminder = lost < 0 || actions.Take(lost).Any(a => a.Step is RecoveryStep.FirstReminder or RecoveryStep.SecondReminder);
            var summonsFollowsLost = summons < 0 || (lost >= 0 && lost < summons
                && actions[summons].Date >= actions[lost].Date.PlusDays(c.Profile.SummonsDaysAfterBalanceDue));
            return lostFollowsReminder && summonsFollowsLost && actions.Count(a => a.Step == RecoveryStep.Summons) <= 1;
        });
    }

    [Fact]
    public void Nothing_is_issued_inside_a_hold_or_on_a_day_that_is_not_a_business_day()
    {
        // Contract and reg 1(2): notices go out on business days outside any hold. Instalments-lost is the day the law
        // makes the balance payable, not a notice, so it alone may fall on any day.
        ForAnyYear((c, actions) => actions.Where(a => a.Step.IsIssued())
            .All(a => Calendar.IsWorkingDay(a.Date) && !c.Holds.Any(h => h.Period.Contains(a.Date))));
    }

    [Fact]
    public void Every_hearing_is_a_court_session_at_least_the_minimum_days_after_the_summons()
    {
        // SI 1998/295 reg 3: at least 14 days from summons to hearing; only summonses carry a hearing.
        ForAnyYear((c, actions) => actions.All(a => a.Step == RecoveryStep.Summons
            ? a.Hearing is { } hearing && c.CourtSessions.Contains(hearing) && hearing >= a.Date.PlusDays(c.Profile.MinimumDaysSummonsToHearing)
            : a.Hearing is null));
    }

    [Fact]
    public void The_random_years_reach_every_step_of_the_timetable()
    {
        // Guards the generator: the properties above mean little unless every step, including reg 23(4), occurs.
        var seen = new HashSet<string>();
        for (var seed = 0; seed < 3000; seed++)
        {
            foreach (var action in RecoveryEngine.Play(RandomCase(seed), Calendar).Actions)
            {
                seen.Add(action.Step.Code() + (action.Source.Contains("23(4)") ? " 23(4)" : ""));
            }
        }

        seen.ShouldBe(["first-reminder", "second-reminder", "instalments-lost", "instalments-lost 23(4)", "summons"], ignoreOrder: true);
    }
}
