using System.Data.Common;
using Dapper;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Portal.Domain;

namespace Reeve.Portal.Features.ExportPersonalData;

/// <summary>
/// What the resident portal holds on a person, for the subject access pack: the email addresses that signed in and
/// proved they are liable on the person's accounts, and every sign-in step tried with those addresses or the accounts'
/// references (kept hashed, so found by hashing them again), with the network address it came from.
/// </summary>
public sealed class PortalPersonalData : IPersonalDataSource
{
    public string Module => "Portal";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject)
    {
        var sql = SqlLists.AnyOf(connection, "accounts");
        var emails = (await connection.QueryAsync<string>(
            "select distinct u.email from portal_user u join portal_link l on l.council_id = u.council_id and l.user_id = u.user_id " +
            $"where u.council_id = @council and l.account_id {sql}",
            new { council = subject.Council.Value, accounts = subject.AccountIds.Distinct().ToArray() }, tx)).ToList();
        var references = (await AccountStore.GetManyAsync(connection, subject.Council, subject.AccountIds, tx)).Values.Select(a => a.Reference.Value);
        var keys = emails.Select(e => EmailAddress.Subject("email", e)).Concat(references.Select(r => EmailAddress.Subject("ref", r))).ToList();
        return
        [
            await PersonalDataQuery.ReadAsync(connection, tx, subject, "portal/sign-in-accounts.csv",
                "select u.email, u.created_at, l.account_id, l.linked_at from portal_user u " +
                "join portal_link l on l.council_id = u.council_id and l.user_id = u.user_id " +
                "where u.council_id = @council and l.account_id {accounts} order by u.user_id, l.linked_at",
                new("email", "email"), new("signed up", "created_at", Shown.Instant), new("account (Reeve's number)", "account_id"),
                new("proved liable", "linked_at", Shown.Instant)),
            await PersonalDataQuery.ReadAsync(connection, tx, subject, keys, "portal/sign-in-attempts.csv",
                "select at, step, address, refused from portal_attempt where council_id = @council and subject {keys} order by at, attempt_id",
                new("when", "at", Shown.Instant), new("step", "step"), new("from network address", "address"), new("refused", "refused", Shown.YesNo)),
        ];
    }
}
