using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Enforcement;

/// <summary>
/// After a liability order, asks each person liable under it for their employment and income (CTAE Regs 1992 reg 36(1)), with 14
/// days to reply: a request row per person and one letter through the letters queue, keyed so that asking twice on the same day
/// asks once. Refused, and the refusal logged on the account's timeline, while a Breathing Space is in force (SI 2020/1311 reg 7).
/// </summary>
public static class RequestInformation
{
    public sealed record Issued(IReadOnlyList<InformationRequest> Requests, bool AlreadyIssued);

    public static async Task<Outcome<Issued>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long liabilityOrderId, LocalDate issuedOn, string officer, Instant now)
    {
        var (facts, notFound, refused) = await LiabilityOrderFacts.ReadAsync(connection, tx, council, liabilityOrderId, issuedOn);
        if (facts is null)
        {
            return notFound is not null ? new Outcome<Issued>.NotFound(notFound) : new Outcome<Issued>.Invalid("liabilityOrder", refused!);
        }

        var order = facts.Order;
        if (issuedOn < order.MadeOn)
        {
            return new Outcome<Issued>.Invalid("issuedOn", $"The liability order was made on {DateText.FormatIso(order.MadeOn)}; a request under reg 36 can only follow it");
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{order.OrderId}:{DateText.FormatIso(issuedOn)}:");
        if (await InformationRequests.BySourceAsync(connection, tx, council, key) is { Count: > 0 } already)
        {
            return new Issued(already, AlreadyIssued: true);
        }

        if (await Moratoriums.InForceAsync(connection, tx, council, facts.Account.AccountId, issuedOn) is { } hold)
        {
            var what = $"Request for employment and income details (reg 36) under the liability order of {DateText.FormatIso(order.MadeOn)}";
            await Moratoriums.RecordRefusalAsync(connection, tx, council, hold, issuedOn, what, officer, now);
            return new Outcome<Issued>.Conflict(Moratoriums.RefusalMessage(hold, what));
        }

        if (facts.Debtors.Count == 0)
        {
            return new Outcome<Issued>.Invalid("liabilityOrder", $"Nobody is recorded as liable on {facts.Account.Reference} for {order.Year}, so there is nobody to ask");
        }

        if (!facts.Outstanding.IsPositive)
        {
            return new Outcome<Issued>.Conflict($"Nothing is left to pay under the liability order of {DateText.FormatIso(order.MadeOn)}, so there is nothing to enforce");
        }

        var due = EnforcementLaw.ReplyDue(issuedOn);
        var first = await IdAllocator.ReserveAsync(connection, tx, council, "information_request", facts.Debtors.Count);
        var requests = new List<InformationRequest>();
        for (var i = 0; i < facts.Debtors.Count; i++)
        {
            var request = new InformationRequest(first + i, facts.Account.AccountId, order.OrderId, order.Year, facts.Debtors[i], issuedOn, due,
                InformationRequests.AwaitingReply, null, null);
            await connection.ExecuteAsync(
                "insert into information_request (council_id, request_id, account_id, liability_order_id, financial_year, party_id, issued_on, reply_due, " +
                "status, source_key, requested_by, requested_at) values (@council, @id, @account, @order, @year, @party, @issuedOn, @due, @status, @key, @officer, @now)",
                new
                {
                    council = council.Value, id = request.RequestId, account = request.AccountId, order = order.OrderId, year = order.Year.StartYear,
                    party = request.PartyId, issuedOn, due, status = request.Status, key = key + request.PartyId.ToString(CultureInfo.InvariantCulture), officer, now,
                },
                tx);
            requests.Add(request);
        }

        var letter = await LetterRequests.RequestAsync(connection, tx, new LetterRequest(council, facts.Account.AccountId, issuedOn, "enforcement:information-request:" + key,
            new InformationRequestFields(order.Year.StartYear, order.MadeOn, order.Court, facts.Outstanding, due)), now);
        if (letter is not Outcome<QueuedLetter>.Done)
        {
            throw new InvalidOperationException($"The request's letter could not be queued: {letter}");
        }

        await AccountEvents.RecordAsync(connection, tx, council, facts.Account.AccountId, now, issuedOn, "information-request",
            $"Asked for employment and income details under the liability order of {DateText.FormatIso(order.MadeOn)} ({order.Year}, " +
            $"{facts.Outstanding.ToDisplayString()} outstanding): {requests.Count} person(s), reply due by {DateText.FormatIso(due)}",
            officer, EnforcementLaw.InformationSource);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "account", facts.Account.AccountId.ToString(CultureInfo.InvariantCulture),
            $"Information request (reg 36) issued for liability order {order.OrderId}", null, now);
        return new Issued(requests, AlreadyIssued: false);
    }
}
