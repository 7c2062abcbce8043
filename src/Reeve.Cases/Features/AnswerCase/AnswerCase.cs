using System.Data.Common;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;

namespace Reeve.Cases.Features.AnswerCase;

/// <summary>
/// Records the response and closes the case: the outcome, the officer's response, and the response letter written from
/// the template for the kind of case, kept as a PDF on the person's record, all in one transaction. A complaint answered
/// at an early stage may still be escalated.
/// </summary>
public static class AnswerCase
{
    public const int MaxResponse = 20_000;

    public sealed record Answered(CaseWithClock Case, CaseLetter Letter);

    public static async Task<Outcome<Answered>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, string? outcome, string? response, LocalDate today, string officer, Instant now)
    {
        var text = (response ?? "").Trim();
        var done = await CaseWork.ChangeAsync(connection, tx, council, caseId, officer, now, current =>
        {
            var file = current.Case;
            if (!file.Kind.Outcomes().Any(o => o.Code == outcome))
            {
                return new Outcome<CaseStep>.Invalid("outcome", "Select the outcome");
            }

            if (text.Length == 0)
            {
                return new Outcome<CaseStep>.Invalid("response", "Enter the response");
            }

            if (text.Length > MaxResponse)
            {
                return new Outcome<CaseStep>.Invalid("response", $"The response must be {MaxResponse:N0} characters or fewer");
            }

            var late = file.Deadline is { } d && today > d ? $" ({CaseClock.DaysLeft(d, today) * -1} days after the deadline)" : "";
            return new CaseStep(file with { State = CaseState.Closed, Outcome = outcome, Response = text, ClosedOn = today },
                "closed", today, null, $"Answered: {CaseKinds.OutcomeTitle(file.Kind, outcome)}{late}");
        });
        if (done is not Outcome<CaseWithClock>.Done closed)
        {
            return done switch
            {
                Outcome<CaseWithClock>.Invalid i => new Outcome<Answered>.Invalid(i.Field, i.Message),
                Outcome<CaseWithClock>.Conflict c => new Outcome<Answered>.Conflict(c.Message),
                Outcome<CaseWithClock>.NotFound n => new Outcome<Answered>.NotFound(n.What),
                _ => throw new InvalidOperationException("Unexpected outcome"),
            };
        }

        var model = await CaseLetters.ModelAsync(connection, tx, council, closed.Value, outcome!, text, today);
        var pdf = CaseLetters.Render(closed.Value.Case.Kind, model).Pdf;
        var letter = await CaseLetters.KeepAsync(connection, tx, council, closed.Value.Case, pdf, today, officer, now);
        return new Answered(closed.Value, letter);
    }
}
