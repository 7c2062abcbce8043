using System.Data.Common;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Letters;

/// <summary>A letter's typed model ready to render, and the returned-mail mark that holds it back from print.</summary>
public sealed record ComposedLetter(long AccountId, ILetterModel Model, ReturnedMailMark? GoneAway);

/// <summary>Reads an account's facts and builds the model for a request's fields; reads only.</summary>
public static class ComposeLetter
{
    public static async Task<Outcome<ComposedLetter>> ComposeAsync(
        DbConnection connection, CouncilId council, long accountId, LetterFields fields, LocalDate issuedOn)
    {
        var facts = await AccountLetterReader.ReadAsync(connection, council, accountId);
        if (facts is not Outcome<AccountLetterFacts>.Done done)
        {
            return facts switch
            {
                Outcome<AccountLetterFacts>.Invalid i => new Outcome<ComposedLetter>.Invalid(i.Field, i.Message),
                Outcome<AccountLetterFacts>.NotFound n => new Outcome<ComposedLetter>.NotFound(n.What),
                Outcome<AccountLetterFacts>.Conflict c => new Outcome<ComposedLetter>.Conflict(c.Message),
                _ => throw new InvalidOperationException($"Unexpected outcome {facts}"),
            };
        }

        if (fields is DemandNoticeFields demand)
        {
            return await BillNotices.ComposeAsync(connection, council, accountId, new FinancialYear(demand.YearStarting), issuedOn) switch
            {
                Outcome<DemandNoticeModel>.Done notice => new ComposedLetter(accountId, notice.Value, done.Value.GoneAway),
                Outcome<DemandNoticeModel>.Invalid i => new Outcome<ComposedLetter>.Invalid(i.Field, i.Message),
                Outcome<DemandNoticeModel>.NotFound n => new Outcome<ComposedLetter>.NotFound(n.What),
                var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
            };
        }

        return new ComposedLetter(accountId, LetterModelBuilder.Build(done.Value, fields, issuedOn), done.Value.GoneAway);
    }
}
