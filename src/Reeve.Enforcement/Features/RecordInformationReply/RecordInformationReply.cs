using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Work;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Enforcement;

/// <summary>The employer a reply names: found again among the council's employers by name and postcode, or added.</summary>
public sealed record EmployerDetails(string Name, string Address, string Postcode, string PayrollContact);

/// <summary>
/// A reply to a request under reg 36, recorded against the person: working or not, the employer (one shared record per
/// employer), payroll number, net pay and how often it is paid, and the benefits they receive. A reply after the request was
/// flagged as unanswered is still recorded. The result says what an attachment of earnings order would take from that pay
/// (Schedule 4), so the officer sees it before making one.
/// </summary>
public static class RecordInformationReply
{
    public sealed record Reply(
        long RequestId, LocalDate ReceivedOn, Employment Employment, EmployerDetails? Employer, string PayrollNumber, PayPeriod? PayPeriod, Money? NetPay,
        IReadOnlyList<string> Benefits, string Note);

    public sealed record Recorded(long ReplyId, long? EmployerId, EarningsDeduction? Deduction);

    public static async Task<Outcome<Recorded>> HandleAsync(DbConnection connection, DbTransaction tx, CouncilId council, Reply reply, string officer, Instant now)
    {
        var request = await InformationRequests.GetAsync(connection, council, reply.RequestId, tx);
        if (request is null)
        {
            return new Outcome<Recorded>.NotFound($"information request {reply.RequestId}");
        }

        if (Problem(reply, request) is { } problem)
        {
            return new Outcome<Recorded>.Invalid(problem.Field, problem.Message);
        }

        long? employerId = reply.Employer is { } employer ? await Employers.FindOrAddAsync(connection, tx, council, employer, officer, now) : null;
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "information_reply", 1);
        await connection.ExecuteAsync(
            "insert into information_reply (council_id, reply_id, request_id, party_id, received_on, employment, employer_id, payroll_number, pay_period, " +
            "net_pay_pence, benefits, note, recorded_by, recorded_at) values (@council, @id, @request, @party, @received, @employment, @employerId, @payroll, " +
            "@period, @net, @benefits, @note, @officer, @now)",
            new
            {
                council = council.Value, id, request = request.RequestId, party = request.PartyId, received = reply.ReceivedOn, employment = reply.Employment.Code(),
                employerId, payroll = reply.PayrollNumber.Trim(), period = reply.PayPeriod?.Code(), net = reply.NetPay?.Pence,
                benefits = string.Join(',', reply.Benefits.Distinct()), note = reply.Note.Trim(), officer, now,
            },
            tx);
        await connection.ExecuteAsync(
            "update information_request set status = 'replied', replied_on = @received where council_id = @council and request_id = @request",
            new { council = council.Value, request = request.RequestId, received = reply.ReceivedOn }, tx);
        await WorkQueue.CloseAsync(connection, tx, council, UnansweredRequestWork.Source, UnansweredRequestWork.Key(request.RequestId), now);

        var deduction = reply is { PayPeriod: { } period, NetPay: { } net } ? EnforcementTables.EarningsDeductions.For(period, reply.ReceivedOn, net) : null;
        var working = reply.Employment == Employment.Employed
            ? $"employed by {reply.Employer!.Name.Trim()}, {reply.NetPay!.Value.ToDisplayString()} {reply.PayPeriod!.Value.Code()}"
            : reply.Employment.Code().Replace('-', ' ');
        await AccountEvents.RecordAsync(connection, tx, council, request.AccountId, now, reply.ReceivedOn, "information-reply",
            $"Reply to the request of {DateText.FormatIso(request.IssuedOn)} from person {request.PartyId}: {working}" +
            (reply.Benefits.Count > 0 ? $"; benefits: {string.Join(", ", reply.Benefits.Distinct())}" : ""),
            officer, EnforcementLaw.InformationSource);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "party", request.PartyId.ToString(CultureInfo.InvariantCulture),
            $"Employment and income reply recorded (request {request.RequestId})", null, now);
        return new Recorded(id, employerId, deduction);
    }

    private static (string Field, string Message)? Problem(Reply reply, InformationRequest request)
    {
        if (reply.ReceivedOn < request.IssuedOn)
        {
            return ("receivedOn", $"The request was issued on {DateText.FormatIso(request.IssuedOn)}; a reply cannot arrive before it");
        }

        if (reply.Employment == Employment.Employed)
        {
            if (reply.Employer is null || string.IsNullOrWhiteSpace(reply.Employer.Name))
            {
                return ("employer.name", "Give the employer's name: an attachment of earnings order is made to the employer (reg 37(1))");
            }

            if (string.IsNullOrWhiteSpace(reply.Employer.Postcode))
            {
                return ("employer.postcode", "Give the employer's postcode, so the order reaches the right payroll and one employer is one record");
            }

            if (reply.PayPeriod is null)
            {
                return ("payPeriod", "Say how often the person is paid: weekly, monthly or daily (Schedule 4 Tables A to C)");
            }

            if (reply.NetPay is not { IsNegative: false })
            {
                return ("netPay", "Give the net pay for one pay period: after income tax, National Insurance and pension contributions (reg 32(1))");
            }
        }
        else if (reply.Employer is not null || reply.PayPeriod is not null || reply.NetPay is not null)
        {
            return ("employment", $"A person who is {reply.Employment.Code().Replace('-', ' ')} has no employer or pay to record; record them as employed instead");
        }

        var unknown = reply.Benefits.FirstOrDefault(b => !EnforcementLaw.Benefits.Contains(b));
        return unknown is null ? null : ("benefits", $"'{unknown}' is not a benefit Reeve knows; use {string.Join(", ", EnforcementLaw.Benefits)}");
    }
}

/// <summary>The council's employers: one record per employer, found by its folded name and postcode, shared by every order there.</summary>
public static class Employers
{
    public static async Task<long> FindOrAddAsync(DbConnection connection, DbTransaction tx, CouncilId council, EmployerDetails employer, string officer, Instant now)
    {
        var key = EnforcementLaw.EmployerKey(employer.Name, employer.Postcode);
        var found = await connection.ExecuteScalarAsync<long?>("select employer_id from employer where council_id = @council and match_key = @key",
            new { council = council.Value, key }, tx);
        if (found is { } id)
        {
            return id;
        }

        var newId = await IdAllocator.ReserveAsync(connection, tx, council, "employer", 1);
        await connection.ExecuteAsync(
            "insert into employer (council_id, employer_id, name, address, postcode, payroll_contact, match_key, created_by, created_at) " +
            "values (@council, @newId, @name, @address, @postcode, @contact, @key, @officer, @now)",
            new
            {
                council = council.Value, newId, name = employer.Name.Trim(), address = employer.Address.Trim(), postcode = employer.Postcode.Trim().ToUpperInvariant(),
                contact = employer.PayrollContact.Trim(), key, officer, now,
            },
            tx);
        return newId;
    }
}
