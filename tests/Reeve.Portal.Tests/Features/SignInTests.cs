using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Portal.Domain;
using Reeve.Portal.Features.ConfirmCode;
using Reeve.Portal.Features.LinkedAccounts;
using Reeve.Portal.Features.ProveAccount;
using Reeve.Portal.Features.SendCode;
using Reeve.TestKit;

namespace Reeve.Portal.Tests.Features;

public sealed class SignInOnSqlite() : SignInTests(new SqliteEngine());

public sealed class SignInOnPostgres() : SignInTests(new PostgresEngine());

/// <summary>
/// The portal's sign-in steps against real bills: proof of an account, the emailed code, and the limits on both.
/// Two dwellings in band D with a single person discount: each bill is £2,250.00 less 25% = £1,687.50.
/// </summary>
public abstract class SignInTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const long Mine = 100_000_000_501;
    private const long Theirs = 100_000_000_502;
    private const string Address = "203.0.113.7";
    private const string Email = "ann.lee@example.com";

    private readonly RecordingSender _sender = new();

    private async Task<(Account Mine, Account Theirs)> BilledAsync()
    {
        await BilledDwellings.BillAsync(Db, Council, Clock,
            new BilledDwellings.Dwelling(Mine, "1 Mill Lane", "WD7 1AB", 'D', "Lee"),
            new BilledDwellings.Dwelling(Theirs, "2 Mill Lane", "WD7 1AD", 'D', "Shah"));
        await using var c = await Db.OpenAsync();
        var mine = (await AccountStore.GetAsync(c, Council, await BilledDwellings.AccountOnAsync(Db, Council, Mine)))!;
        var theirs = (await AccountStore.GetAsync(c, Council, await BilledDwellings.AccountOnAsync(Db, Council, Theirs)))!;
        return (mine, theirs);
    }

    private async Task<T> StepAsync<T>(Func<DbConnection, DbTransaction, Task<T>> step)
    {
        // As the pages do: committed whatever the answer, so refusals are kept and counted.
        await using var c = await Db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var result = await step(c, tx);
        await tx.CommitAsync();
        return result;
    }

    private Task<Outcome<Account>> ProveAsync(string reference, string postcode, string amount, string address = Address) =>
        StepAsync((c, tx) => ProveAccount.HandleAsync(c, tx, Council, new ProofAnswers(reference, postcode, amount), address, Now));

    private Task<Outcome<PendingCode>> SendAsync(CodePurpose purpose, long? accountId, string email = Email) =>
        StepAsync((c, tx) => SendCode.HandleAsync(c, tx, Council, _sender, email, purpose, accountId, Address, Now, CancellationToken.None));

    private Task<Outcome<ResidentUser>> ConfirmAsync(PendingCode pending, string? code) =>
        StepAsync((c, tx) => ConfirmCode.HandleAsync(c, tx, Council, pending, code, Address, Now));

    private async Task<long> RefusedAsync(string step) =>
        await Db.QueryScalarAsync<long>("select count(*) from portal_attempt where council_id = @c and step = @step and refused = 1", new { c = Council.Value, step });

    [Fact]
    public async Task The_reference_postcode_and_last_bill_amount_prove_the_account()
    {
        var (mine, _) = await BilledAsync();
        var proven = await ProveAsync(mine.Reference.Value, "wd7 1ab", "£1,687.50");
        proven.ShouldBeOfType<Outcome<Account>.Done>().Value.AccountId.ShouldBe(mine.AccountId);
        (await RefusedAsync("proof")).ShouldBe(0);
    }

    [Fact]
    public async Task A_wrong_reference_postcode_or_amount_gets_one_message_that_names_none_and_each_is_counted()
    {
        var (mine, theirs) = await BilledAsync();
        var refusals = new[]
        {
            await ProveAsync(theirs.Reference.Value, "WD7 1AB", "1687.50"),
            await ProveAsync(mine.Reference.Value, "WD7 1AC", "1687.50"),
            await ProveAsync(mine.Reference.Value, "WD7 1AB", "1687.51"),
            await ProveAsync("512345678", "WD7 1AB", "1687.50"),
        };
        refusals.ShouldAllBe(r => r is Outcome<Account>.Invalid);
        refusals.Cast<Outcome<Account>.Invalid>().Select(r => (r.Field, r.Message)).Distinct().ShouldHaveSingleItem().ShouldBe(("proof", Proof.Refused));
        (await RefusedAsync("proof")).ShouldBe(4);
    }

    [Fact]
    public async Task A_blank_answer_is_a_form_error_on_its_field_and_not_an_attempt()
    {
        var (mine, _) = await BilledAsync();
        (await ProveAsync(mine.Reference.Value, "", "1687.50")).ShouldBeOfType<Outcome<Account>.Invalid>().Field.ShouldBe("postcode");
        (await ProveAsync(mine.Reference.Value, "WD7 1AB", "lots")).ShouldBeOfType<Outcome<Account>.Invalid>().Field.ShouldBe("amount");
        (await Db.QueryScalarAsync<long>("select count(*) from portal_attempt", null)).ShouldBe(0);
    }

    [Fact]
    public async Task Five_refusals_lock_the_account_even_against_the_right_details_until_the_window_passes()
    {
        var (mine, _) = await BilledAsync();
        for (var i = 0; i < SignInLimits.RefusalsPerSubject; i++)
        {
            await ProveAsync(mine.Reference.Value, "WD7 1AB", "1.00", address: $"198.51.100.{i}");
        }

        // From another address too: the lock is on the account, not only the address.
        (await ProveAsync(mine.Reference.Value, "WD7 1AB", "1687.50", address: "192.0.2.1")).ShouldBeOfType<Outcome<Account>.Conflict>()
            .Message.ShouldBe(SignInLimits.LockedOut);
        (await RefusedAsync("proof")).ShouldBe(SignInLimits.RefusalsPerSubject + 1);

        Clock.Advance(SignInLimits.Window + Duration.FromMinutes(1));
        (await ProveAsync(mine.Reference.Value, "WD7 1AB", "1687.50", address: "192.0.2.1")).ShouldBeOfType<Outcome<Account>.Done>();
    }

    [Fact]
    public async Task Refusals_from_one_address_over_many_accounts_lock_that_address_out()
    {
        var (mine, _) = await BilledAsync();
        for (var i = 0; i < SignInLimits.RefusalsPerAddress; i++)
        {
            // A different made-up reference each time, so no one account reaches its own limit.
            await ProveAsync(AccountReference.Create(AccountKind.CouncilTax, 9_000_000 + i).Value, "WD7 1AB", "1687.50");
        }

        (await ProveAsync(mine.Reference.Value, "WD7 1AB", "1687.50")).ShouldBeOfType<Outcome<Account>.Conflict>();
        (await ProveAsync(mine.Reference.Value, "WD7 1AB", "1687.50", address: "192.0.2.1")).ShouldBeOfType<Outcome<Account>.Done>();
    }

    [Fact]
    public async Task A_code_confirms_the_address_once_links_the_proven_account_and_is_stored_only_hashed()
    {
        var (mine, theirs) = await BilledAsync();
        var pending = (await SendAsync(CodePurpose.SignUp, mine.AccountId)).ShouldBeOfType<Outcome<PendingCode>.Done>().Value;
        var (to, code) = _sender.Sent.ShouldHaveSingleItem();
        to.ShouldBe(Email);
        (await Db.QueryScalarAsync<long>("select count(*) from portal_code where code_hash like @c", new { c = "%" + code + "%" })).ShouldBe(0);

        var user = (await ConfirmAsync(pending, code)).ShouldBeOfType<Outcome<ResidentUser>.Done>().Value;
        user.Email.ShouldBe(Email);
        await using (var c = await Db.OpenAsync())
        {
            (await ResidentAccounts.AllAsync(c, user)).Select(a => a.AccountId).ShouldBe([mine.AccountId]);
            (await ResidentAccounts.FindAsync(c, user, mine.Reference.Value)).ShouldNotBeNull();
            (await ResidentAccounts.FindAsync(c, user, theirs.Reference.Value)).ShouldBeNull();
        }

        (await ConfirmAsync(pending, code)).ShouldBeOfType<Outcome<ResidentUser>.Invalid>().Message.ShouldBe(ConfirmCode.Spent);
        (await RefusedAsync("code")).ShouldBe(1);
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        var (mine, _) = await BilledAsync();
        var pending = (await SendAsync(CodePurpose.SignUp, mine.AccountId)).ShouldBeOfType<Outcome<PendingCode>.Done>().Value;
        Clock.Advance(SignInLimits.CodeLifetime + Duration.FromSeconds(1));
        (await ConfirmAsync(pending, _sender.Sent.Single().Code)).ShouldBeOfType<Outcome<ResidentUser>.Invalid>().Message.ShouldBe(ConfirmCode.Spent);
        (await Db.QueryScalarAsync<long>("select count(*) from portal_user", null)).ShouldBe(0);
    }

    [Fact]
    public async Task Three_wrong_codes_spend_the_code_so_the_right_one_no_longer_works()
    {
        var (mine, _) = await BilledAsync();
        var pending = (await SendAsync(CodePurpose.SignUp, mine.AccountId)).ShouldBeOfType<Outcome<PendingCode>.Done>().Value;
        var right = _sender.Sent.Single().Code;
        var wrong = right == "000000" ? "111111" : "000000";
        for (var i = 0; i < SignInLimits.WrongTriesPerCode; i++)
        {
            (await ConfirmAsync(pending, wrong)).ShouldBeOfType<Outcome<ResidentUser>.Invalid>().Message.ShouldBe(ConfirmCode.Wrong);
        }

        (await ConfirmAsync(pending, right)).ShouldBeOfType<Outcome<ResidentUser>.Invalid>().Message.ShouldBe(ConfirmCode.Spent);
    }

    [Fact]
    public async Task Signing_in_with_an_unknown_address_sends_nothing_answers_the_same_and_counts_as_refused()
    {
        await BilledAsync();
        var pending = (await SendAsync(CodePurpose.SignIn, null, "nobody@example.com")).ShouldBeOfType<Outcome<PendingCode>.Done>().Value;
        _sender.Sent.ShouldBeEmpty();
        (await ConfirmAsync(pending, "123456")).ShouldBeOfType<Outcome<ResidentUser>.Invalid>();
        (await RefusedAsync("email")).ShouldBe(1);
    }

    [Fact]
    public async Task A_later_visit_signs_in_by_email_and_code_and_keeps_the_linked_accounts()
    {
        var (mine, _) = await BilledAsync();
        var first = (await SendAsync(CodePurpose.SignUp, mine.AccountId)).ShouldBeOfType<Outcome<PendingCode>.Done>().Value;
        var user = (await ConfirmAsync(first, _sender.Sent[^1].Code)).ShouldBeOfType<Outcome<ResidentUser>.Done>().Value;

        var later = (await SendAsync(CodePurpose.SignIn, null)).ShouldBeOfType<Outcome<PendingCode>.Done>().Value;
        (await ConfirmAsync(later, _sender.Sent[^1].Code)).ShouldBeOfType<Outcome<ResidentUser>.Done>().Value.UserId.ShouldBe(user.UserId);
    }

    [Fact]
    public async Task Only_three_codes_are_sent_to_one_address_in_the_window()
    {
        var (mine, _) = await BilledAsync();
        for (var i = 0; i < SignInLimits.CodesPerEmail; i++)
        {
            (await SendAsync(CodePurpose.SignUp, mine.AccountId)).ShouldBeOfType<Outcome<PendingCode>.Done>();
        }

        (await SendAsync(CodePurpose.SignUp, mine.AccountId)).ShouldBeOfType<Outcome<PendingCode>.Conflict>();
        _sender.Sent.Count.ShouldBe(SignInLimits.CodesPerEmail);
    }

    private sealed class RecordingSender : IResidentCodeSender
    {
        private readonly ConcurrentQueue<(string Email, string Code)> _sent = new();

        public IReadOnlyList<(string Email, string Code)> Sent => _sent.ToList();

        public Task SendAsync(string email, string code, string reference, CancellationToken ct)
        {
            _sent.Enqueue((email, code));
            return Task.CompletedTask;
        }
    }
}

internal static class DbQueries
{
    public static async Task<T> QueryScalarAsync<T>(this Reeve.Persistence.ReeveDatabase db, string sql, object? args)
    {
        await using var c = await db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }
}
