using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Search;
using Reeve.Web.Features.ViewAccount;
using Reeve.Web.Features.ViewPerson;
using Reeve.Web.Features.ViewProperty;

namespace Reeve.Web.Api;

// The JSON the API returns. Money is a string with two decimals ("1234.50", Kernel's MoneyJsonConverter), dates are "YYYY-MM-DD"
// (shared/contracts.md), and a field, once published, keeps its name.

public sealed record LiablePartyJson(long PartyId, string Name, string Role, string LiableFrom, string? LiableTo)
{
    public static LiablePartyJson From(AccountDetails.Liable p) =>
        new(p.PartyId, p.Name, p.Role, Show.Iso(p.LiableFrom), Show.Iso(p.LiableTo));
}

public sealed record YearBalanceJson(int FinancialYear, string Label, Money Balance);

public sealed record AccountJson(
    string Reference,
    string Kind,
    string KindTitle,
    long? Uprn,
    string? Address,
    string PaymentMethod,
    string OpenedOn,
    string? ClosedOn,
    int Version,
    Money Balance,
    IReadOnlyList<YearBalanceJson> BalanceByYear,
    IReadOnlyList<LiablePartyJson> Parties)
{
    public static AccountJson From(AccountDetails d) => new(
        d.Account.Reference.Value, d.Account.Kind.Code(), d.Account.Kind.Title(), d.Account.Uprn, d.Property?.OneLine,
        d.Account.PaymentMethod, Show.Iso(d.Account.OpenedOn), Show.Iso(d.Account.ClosedOn), d.Account.Version,
        d.Balance,
        d.BalanceByYear.Select(y => new YearBalanceJson(y.Key.StartYear, y.Key.ToString(), y.Value)).ToList(),
        d.Parties.Select(LiablePartyJson.From).ToList());
}

public sealed record LedgerLineJson(
    long EntryId,
    string Date,
    int FinancialYear,
    string Kind,
    string Description,
    string Reason,
    string SourceRule,
    Money? Debit,
    Money? Credit,
    Money RunningBalance,
    string PostedBy,
    long? ReversesEntryId,
    long? ReversedByEntryId);

public sealed record LedgerJson(string Reference, Money Balance, IReadOnlyList<LedgerLineJson> Entries)
{
    public static LedgerJson From(AccountDetails d, IEnumerable<AccountDetails.Line> lines) => new(
        d.Account.Reference.Value,
        d.Balance,
        lines.Select(l => new LedgerLineJson(
            l.Entry.EntryId, Show.Iso(l.Entry.EffectiveDate), l.Entry.Year.StartYear, l.Entry.Kind.Code(),
            l.Entry.Kind.Title() + ": " + l.Entry.Reason, l.Entry.Reason, l.Entry.SourceRule,
            l.Entry.EffectOnAccount.IsPositive ? l.Entry.Amount : null,
            l.Entry.EffectOnAccount.IsNegative ? l.Entry.Amount : null,
            l.RunningBalance, l.Entry.PostedBy, l.Entry.ReversesEntryId, l.ReversedBy)).ToList());
}

public sealed record NameJson(string Name, string EffectiveFrom, string Reason);

public sealed record ContactJson(string Kind, string Value, bool Preferred);

public sealed record AddressJson(long? Uprn, string Address, string Postcode, string ValidFrom, string? ValidTo);

public sealed record PersonAccountJson(string Reference, string Kind, string Role, string LiableFrom, string? LiableTo, string? Address, Money Balance);

public sealed record PersonJson(
    long PartyId,
    string Kind,
    string Name,
    IReadOnlyList<NameJson> FormerNames,
    string? DateOfBirth,
    string? DeceasedOn,
    int Version,
    IReadOnlyList<ContactJson> Contacts,
    IReadOnlyList<AddressJson> Addresses,
    IReadOnlyList<PersonAccountJson> Accounts)
{
    public static PersonJson From(PersonDetails d)
    {
        var p = d.Party;
        return new PersonJson(
            p.PartyId, p.Kind == PartyKind.Person ? "person" : "organisation", p.DisplayName,
            d.FormerNames.Select(n => new NameJson(n.DisplayName, Show.Iso(n.EffectiveFrom), n.Reason)).ToList(),
            Show.Iso(p.DateOfBirth), Show.Iso(p.DeceasedOn), p.Version,
            p.Contacts.Select(c => new ContactJson(c.Kind, c.Value, c.IsPreferred)).ToList(),
            p.Addresses.Select(a => new AddressJson(a.Uprn, a.OneLine, a.Postcode, Show.Iso(a.ValidFrom), Show.Iso(a.ValidTo))).ToList(),
            d.Accounts.Select(a => new PersonAccountJson(a.Account.Reference.Value, a.Account.Kind.Code(), a.Party.Role,
                Show.Iso(a.Party.LiableFrom), Show.Iso(a.Party.LiableTo), a.PropertyAddress, a.Balance)).ToList());
    }
}

public sealed record PropertyAccountJson(string Reference, string Kind, string OpenedOn, string? ClosedOn, Money Balance, IReadOnlyList<LiablePartyJson> Parties);

public sealed record PropertyJson(long Uprn, string Address, string Postcode, string Kind, string? Band, IReadOnlyList<PropertyAccountJson> Accounts)
{
    public static PropertyJson From(PropertyDetails d) => new(
        d.Property.Uprn, d.Property.OneLine, d.Property.Postcode,
        d.Property.Kind == PropertyKind.Domestic ? "domestic" : "non-domestic", d.Property.Band?.ToString(),
        d.Accounts.Select(a => new PropertyAccountJson(a.Account.Reference.Value, a.Account.Kind.Code(), Show.Iso(a.Account.OpenedOn),
            Show.Iso(a.Account.ClosedOn), a.Balance, a.Parties.Select(LiablePartyJson.From).ToList())).ToList());
}

public sealed record PersonMatchJson(long PartyId, string Name, string? DateOfBirth, string? Address);

public sealed record PropertyMatchJson(long Uprn, string Address, string Postcode, string? Band);

/// <summary>
/// The search's answer: one page of each list (<c>page</c> chooses it, 25 rows a page) and the count of all
/// matches, so a client can tell a short list from a cut one.
/// </summary>
public sealed record SearchJson(
    string Query, string? Account, int Page, int PageSize,
    int PeopleTotal, IReadOnlyList<PersonMatchJson> People, int PropertiesTotal, IReadOnlyList<PropertyMatchJson> Properties)
{
    public static SearchJson From(OneBoxSearch.Result r) => new(
        r.Query, r.Account?.Value, r.People.PageNumber, r.People.PageSize,
        r.People.Total,
        r.People.Items.Select(p => new PersonMatchJson(p.PartyId, p.DisplayName, Show.Iso(p.DateOfBirth), p.Address)).ToList(),
        r.Properties.Total,
        r.Properties.Items.Select(p => new PropertyMatchJson(p.Uprn, p.OneLine, p.Postcode, p.Band?.ToString())).ToList());
}

public sealed record PaymentMethodChangeJson(string Reference, string PaymentMethod, int Version);
