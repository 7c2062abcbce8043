using System.Data.Common;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.People;
using Reeve.Letters;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.Cases.Features.LogCase;

/// <summary>
/// Logs a new case: a complaint, an FOI or EIR request, a subject access request, or a councillor's or MP's enquiry,
/// from a person on file or from someone who is not (a name and address), about a person and accounts if it concerns
/// them. The clock starts from the day of receipt. The form's own key makes a double submission log one case.
/// </summary>
public static class LogCase
{
    public const int MaxText = 4_000;

    public sealed record Request(
        CouncilId Council,
        CaseKind? Kind,
        LocalDate? ReceivedOn,
        long? RequesterPartyId,
        string? RequesterName,
        string? RequesterAddress,
        long? PartyId,
        string? Description,
        IReadOnlyList<string> AccountReferences,
        string? AssignTo,
        string SourceKey);

    public static async Task<Outcome<CaseFile>> HandleAsync(DbConnection connection, DbTransaction tx, Request request, LocalDate today, string officer, Instant now)
    {
        if (await CaseStore.BySourceKeyAsync(connection, tx, request.Council, request.SourceKey) is { } already)
        {
            return (await CaseStore.GetAsync(connection, request.Council, already, tx))!;
        }

        if (request.Kind is not { } kind)
        {
            return new Outcome<CaseFile>.Invalid("kind", "Select what kind of case this is");
        }

        if (request.ReceivedOn is not { } received)
        {
            return new Outcome<CaseFile>.Invalid("received", "Enter the date the council received it");
        }

        if (received > today)
        {
            return new Outcome<CaseFile>.Invalid("received", "The date received must be today or in the past");
        }

        if (received < new LocalDate(2005, 1, 1))
        {
            return new Outcome<CaseFile>.Invalid("received", "The date received must be on or after 1 January 2005");
        }

        var description = (request.Description ?? "").Trim();
        if (description.Length == 0)
        {
            return new Outcome<CaseFile>.Invalid("description", "Enter what the case is about");
        }

        if (description.Length > MaxText)
        {
            return new Outcome<CaseFile>.Invalid("description", $"The description must be {MaxText:N0} characters or fewer");
        }

        var requester = await RequesterAsync(connection, tx, request);
        if (requester is Outcome<(string Name, string Address)>.Invalid bad)
        {
            return new Outcome<CaseFile>.Invalid(bad.Field, bad.Message);
        }

        var (name, address) = ((Outcome<(string Name, string Address)>.Done)requester).Value;

        // A subject access request concerns the requester unless the officer says otherwise.
        var partyId = request.PartyId ?? (kind == CaseKind.SubjectAccess ? request.RequesterPartyId : null);
        if (partyId is { } concerned && await PartyReader.GetAsync(connection, request.Council, concerned, tx) is null)
        {
            return new Outcome<CaseFile>.Invalid("party", $"There is no person {concerned} on file");
        }

        var references = request.AccountReferences.Select(r => r.Trim().Replace(" ", "", StringComparison.Ordinal)).Where(r => r.Length > 0).Distinct().ToList();
        var accounts = references.Count == 0 ? new Dictionary<string, Account>() : await AccountStore.ByReferencesAsync(connection, request.Council, references, tx);
        if (references.FirstOrDefault(r => !accounts.ContainsKey(r)) is { } unknown)
        {
            return new Outcome<CaseFile>.Invalid("accounts", $"There is no account with reference {(unknown.Length > 20 ? unknown[..20] + "…" : unknown)}");
        }

        var assignTo = string.IsNullOrWhiteSpace(request.AssignTo) ? null : request.AssignTo.Trim();
        if (assignTo is not null && await AssignCase.AssignCase.RefuseOfficerAsync(connection, tx, request.Council, assignTo) is { } refused)
        {
            return new Outcome<CaseFile>.Invalid("assignTo", refused);
        }

        var caseId = await IdAllocator.ReserveAsync(connection, tx, request.Council, "case_record", 1);
        var file = new CaseFile(caseId, kind, received, request.RequesterPartyId, name, address, partyId, description, assignTo, 1, received, null,
            CaseState.Open, null, null, null, officer, now, accounts.Values.Select(a => a.AccountId).ToList());
        var councilRows = CouncilClocks.IsCouncilKind(kind) ? await CaseStore.CouncilStagesAsync(connection, request.Council, tx) : [];
        var clock = CaseStore.Clock(file, [], councilRows).Clock;
        file = file with { Deadline = clock.Deadline };
        await CaseStore.SaveAsync(connection, tx, request.Council, file, "opened", received,
            null, $"{kind.Title()} logged; due {(clock.Deadline is { } d ? DateText.FormatLong(d) : "when the clock restarts")}" + (assignTo is null ? "" : $"; assigned to {assignTo}"),
            officer, now, request.SourceKey);
        return file;
    }

    /// <summary>
    /// Where letters to a person on file go, as account letters do (<see cref="Addressing.Correspondence"/>): their
    /// correspondence address, else the property of their newest account; empty when Reeve has neither.
    /// </summary>
    private static async Task<string> AddressOnFileAsync(DbConnection connection, DbTransaction tx, CouncilId council, Party party)
    {
        var liabilities = await AccountStore.OfPartiesAsync(connection, council, [party.PartyId], tx);
        var accounts = await AccountStore.GetManyAsync(connection, council, liabilities.Select(l => l.AccountId).Distinct().ToList(), tx);
        var uprn = liabilities.OrderByDescending(l => l.LiableFrom).Select(l => accounts.GetValueOrDefault(l.AccountId)?.Uprn).FirstOrDefault(u => u is not null);
        var property = uprn is { } u ? (await PropertyStore.GetManyAsync(connection, council, [u], tx)).GetValueOrDefault(u) : null;
        if (property is null && !party.Addresses.Any(a => a.ValidTo is null))
        {
            return "";
        }

        var address = property is null
            ? party.Addresses.Where(a => a.ValidTo is null).OrderBy(a => a.Sequence).Select(a => new Letters.PostalAddress(new[] { a.Line1, a.Line2, a.Line3, a.Town }.OfType<string>().Where(l => l.Length > 0).ToList(), a.Postcode)).Last()
            : Addressing.Correspondence([party], property);
        return string.Join("\n", address.Lines.Append(address.Postcode));
    }

    /// <summary>The name and address letters go to: typed in, or the person on file's name and current correspondence address.</summary>
    private static async Task<Outcome<(string Name, string Address)>> RequesterAsync(DbConnection connection, DbTransaction tx, Request request)
    {
        var typedName = (request.RequesterName ?? "").Trim();
        var typedAddress = (request.RequesterAddress ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (typedName.Length > 200)
        {
            return new Outcome<(string, string)>.Invalid("requesterName", "The requester's name must be 200 characters or fewer");
        }

        if (typedAddress.Length > 500)
        {
            return new Outcome<(string, string)>.Invalid("requesterAddress", "The requester's address must be 500 characters or fewer");
        }

        if (request.RequesterPartyId is { } partyId)
        {
            var party = await PartyReader.GetAsync(connection, request.Council, partyId, tx);
            if (party is null)
            {
                return new Outcome<(string, string)>.Invalid("requester", $"There is no person {partyId} on file");
            }

            var address = typedAddress.Length > 0 ? typedAddress : await AddressOnFileAsync(connection, tx, request.Council, party);
            return address.Length == 0
                ? new Outcome<(string, string)>.Invalid("requesterAddress", $"{party.DisplayName} has no correspondence address on file: enter the address to reply to")
                : (party.DisplayName, address);
        }

        if (typedName.Length == 0)
        {
            return new Outcome<(string, string)>.Invalid("requesterName", "Enter the requester's name, or choose a person on file");
        }

        if (typedAddress.Length == 0)
        {
            return new Outcome<(string, string)>.Invalid("requesterAddress", "Enter the address to reply to (or an email address)");
        }

        return (typedName, typedAddress);
    }
}
