using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Cases.Features.AnswerCase;
using Reeve.Cases.Features.AssignCase;
using Reeve.Cases.Features.EscalateComplaint;
using Reeve.Cases.Features.ExtendClock;
using Reeve.Cases.Features.ListCases;
using Reeve.Cases.Features.PauseClock;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.TestKit;

namespace Reeve.Cases.Tests.Features;

public sealed class CaseHandlersOnSqlite() : CaseHandlersTests(new SqliteEngine());

public sealed class CaseHandlersOnPostgres() : CaseHandlersTests(new PostgresEngine());

public abstract class CaseHandlersTests(IDatabaseEngine engine) : CasesTest(engine)
{
    // FOIA s10(1): received Tuesday 1 December 2026, due Thursday 31 December (Christmas and Boxing Day's substitute skipped).
    [Fact]
    public async Task An_foi_request_from_someone_not_on_file_is_logged_with_its_deadline_and_a_second_submission_logs_nothing()
    {
        await SetUpAsync();
        var file = await LoggedAsync(Request(CaseKind.Foi));
        file.Deadline.ShouldBe(new LocalDate(2026, 12, 31));
        file.State.ShouldBe(CaseState.Open);
        (await LoggedAsync(Request(CaseKind.Foi))).CaseId.ShouldBe(file.CaseId);
        (await CountAsync("case_record")).ShouldBe(1);
        var history = (await CaseAsync(file.CaseId)).History.ShouldHaveSingleItem();
        history.Kind.ShouldBe("opened");
        history.Detail.ShouldContain("due 31 December 2026");
        var listed = await ReadAsync(c => ListCases.PageAsync(c, Council, new ListCases.Filter(CaseKind.Foi, "open", null), Today, 1, 50));
        listed.Items.ShouldHaveSingleItem().CaseId.ShouldBe(file.CaseId);
        (await ReadAsync(c => ListCases.PageAsync(c, Council, new ListCases.Filter(CaseKind.Complaint, "open", null), Today, 1, 50))).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_case_with_no_description_an_unknown_account_or_a_future_date_is_refused_and_nothing_is_saved()
    {
        await SetUpAsync();
        (await LogAsync(Request(CaseKind.Foi, description: " "))).ShouldBeOfType<Outcome<CaseFile>.Invalid>().Field.ShouldBe("description");
        (await LogAsync(Request(CaseKind.Complaint, accounts: ["512345678"]))).ShouldBeOfType<Outcome<CaseFile>.Invalid>().Field.ShouldBe("accounts");
        (await LogAsync(Request(CaseKind.Foi, received: Today.PlusDays(1)))).ShouldBeOfType<Outcome<CaseFile>.Invalid>().Field.ShouldBe("received");
        (await LogAsync(Request(null))).ShouldBeOfType<Outcome<CaseFile>.Invalid>().Field.ShouldBe("kind");
        (await LogAsync(Request(CaseKind.Foi, name: ""))).ShouldBeOfType<Outcome<CaseFile>.Invalid>().Field.ShouldBe("requesterName");
        (await LogAsync(Request(CaseKind.Foi, assignTo: "nobody"))).ShouldBeOfType<Outcome<CaseFile>.Invalid>().Field.ShouldBe("assignTo");
        (await CountAsync("case_record")).ShouldBe(0);
        (await CountAsync("case_event")).ShouldBe(0);
    }

    [Fact]
    public async Task A_subject_access_request_from_a_person_on_file_concerns_them_and_goes_to_their_address()
    {
        await SetUpAsync();
        var file = await LoggedAsync(Request(CaseKind.SubjectAccess, requester: Jane, name: null, address: null, accounts: [JaneAccount.Reference.Value]));
        file.PartyId.ShouldBe(Jane);
        file.RequesterName.ShouldBe("Jane Smith");
        file.RequesterAddress.ShouldBe("1 High Street\nAnytown\nAB1 2CD");
        file.AccountIds.ShouldBe([JaneAccount.AccountId]);
        file.Deadline.ShouldBe(new LocalDate(2027, 1, 4)); // 1 January 2027 is a bank holiday, then a weekend
        (await ReadAsync(c => ListCases.ForPartyAsync(c, Council, Jane))).ShouldHaveSingleItem().CaseId.ShouldBe(file.CaseId);
    }

    // s10(2): the working days from the fees notice (3 December) to the fee's arrival (8 December) are not counted.
    [Fact]
    public async Task Pausing_an_foi_for_a_fee_stops_the_clock_and_resuming_it_moves_the_deadline()
    {
        await SetUpAsync();
        var file = await LoggedAsync(Request(CaseKind.Foi));
        var paused = (await InTransactionAsync((c, tx) => PauseClock.PauseAsync(c, tx, Council, file.CaseId, PauseReason.Fee, new LocalDate(2026, 12, 3), "fees notice sent", new LocalDate(2026, 12, 3), "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Done>().Value;
        paused.Case.State.ShouldBe(CaseState.Paused);
        paused.Case.Deadline.ShouldBeNull();
        (await InTransactionAsync((c, tx) => PauseClock.PauseAsync(c, tx, Council, file.CaseId, PauseReason.Fee, new LocalDate(2026, 12, 3), null, new LocalDate(2026, 12, 3), "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Conflict>();
        var resumed = (await InTransactionAsync((c, tx) => PauseClock.ResumeAsync(c, tx, Council, file.CaseId, new LocalDate(2026, 12, 8), "fee paid", new LocalDate(2026, 12, 8), "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Done>().Value;
        resumed.Case.State.ShouldBe(CaseState.Open);
        resumed.Case.Deadline.ShouldBe(new LocalDate(2027, 1, 8));
        (await CaseAsync(file.CaseId)).Case.Deadline.ShouldBe(new LocalDate(2027, 1, 8));
    }

    [Fact]
    public async Task A_clock_is_paused_only_for_what_its_rule_allows()
    {
        await SetUpAsync();
        var file = await LoggedAsync(Request(CaseKind.Foi));
        (await InTransactionAsync((c, tx) => PauseClock.PauseAsync(c, tx, Council, file.CaseId, PauseReason.Identity, Today, null, Today, "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Invalid>().Field.ShouldBe("reason");
        (await CountAsync("case_event")).ShouldBe(1);
    }

    // Art 12(3): extended by two further months, with the reason; once only.
    [Fact]
    public async Task A_subject_access_request_is_extended_once_within_its_first_month_and_an_foi_not_at_all()
    {
        await SetUpAsync();
        var sar = await LoggedAsync(Request(CaseKind.SubjectAccess, key: "sar", requester: Jane, name: null, address: null));
        var extended = (await InTransactionAsync((c, tx) => ExtendClock.HandleAsync(c, tx, Council, sar.CaseId, "numerous requests across six accounts", Today, "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Done>().Value;
        extended.Case.Deadline.ShouldBe(new LocalDate(2027, 3, 1)); // 1 March 2027
        (await InTransactionAsync((c, tx) => ExtendClock.HandleAsync(c, tx, Council, sar.CaseId, "again", Today, "test", Now))).ShouldBeOfType<Outcome<CaseWithClock>.Conflict>();
        var foi = await LoggedAsync(Request(CaseKind.Foi, key: "foi"));
        (await InTransactionAsync((c, tx) => ExtendClock.HandleAsync(c, tx, Council, foi.CaseId, "busy", Today, "test", Now))).ShouldBeOfType<Outcome<CaseWithClock>.Conflict>();
    }

    [Fact]
    public async Task A_case_is_assigned_only_to_an_officer_of_the_council()
    {
        await SetUpAsync();
        var file = await LoggedAsync(Request(CaseKind.MpEnquiry));
        (await InTransactionAsync((c, tx) => AssignCase.HandleAsync(c, tx, Council, file.CaseId, "someone", Today, "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Invalid>();
        (await InTransactionAsync((c, tx) => AssignCase.HandleAsync(c, tx, Council, file.CaseId, "caseworker", Today, "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Done>().Value.Case.AssignedTo.ShouldBe("caseworker");
        (await ReadAsync(c => ListCases.PageAsync(c, Council, new ListCases.Filter(null, "open", "caseworker"), Today, 1, 50))).Total.ShouldBe(1);
    }

    // The council's default stages: 10 then 20 working days; then the Ombudsman.
    [Fact]
    public async Task A_complaint_answered_at_stage_one_is_escalated_to_stage_two_answered_again_and_referred_to_the_ombudsman()
    {
        await SetUpAsync();
        var file = await LoggedAsync(Request(CaseKind.Complaint, requester: Jane, name: null, address: null, party: Jane, description: "My summons costs were wrong"));
        file.Deadline.ShouldBe(new LocalDate(2026, 12, 15));
        var answered = (await InTransactionAsync((c, tx) => AnswerCase.HandleAsync(c, tx, Council, file.CaseId, "not-upheld",
            "We checked the costs.\n\nThey were set by the court.", Today, "test", Now))).ShouldBeOfType<Outcome<AnswerCase.Answered>.Done>().Value;
        answered.Case.Case.State.ShouldBe(CaseState.Closed);
        answered.Case.Case.Outcome.ShouldBe("not-upheld");
        var pdf = (await ReadAsync(c => NoticeStore.ContentAsync(c, Council, answered.Letter.ContentHash))).ShouldNotBeNull();
        var text = PdfText.Read(pdf);
        text.ShouldContain("Our response to your complaint");
        text.ShouldContain(file.Reference);
        text.ShouldContain("They were set by the court.");
        text.ShouldContain("Stage 2");

        var escalated = (await InTransactionAsync((c, tx) => EscalateComplaint.EscalateAsync(c, tx, Council, file.CaseId, Today, "Not happy with the answer", Today, "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Done>().Value;
        escalated.Case.Stage.ShouldBe(2);
        escalated.Case.State.ShouldBe(CaseState.Open);
        escalated.Case.Deadline.ShouldBe(new LocalDate(2026, 12, 31)); // 20 council working days from 1 December
        (await InTransactionAsync((c, tx) => EscalateComplaint.ReferToOmbudsmanAsync(c, tx, Council, file.CaseId, Today, null, Today, "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Done>().Value.Case.Outcome.ShouldBe(CaseKinds.ReferredToOmbudsman);
        (await InTransactionAsync((c, tx) => EscalateComplaint.EscalateAsync(c, tx, Council, file.CaseId, Today, "again", Today, "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Conflict>();
        (await ReadAsync(c => CaseLetters.ForPartyAsync(c, Council, Jane))).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_answer_without_an_outcome_or_response_is_refused_and_a_closed_request_cannot_be_answered_again()
    {
        await SetUpAsync();
        var file = await LoggedAsync(Request(CaseKind.Foi));
        (await InTransactionAsync((c, tx) => AnswerCase.HandleAsync(c, tx, Council, file.CaseId, "upheld", "text", Today, "test", Now)))
            .ShouldBeOfType<Outcome<AnswerCase.Answered>.Invalid>().Field.ShouldBe("outcome");
        (await InTransactionAsync((c, tx) => AnswerCase.HandleAsync(c, tx, Council, file.CaseId, "answered", "  ", Today, "test", Now)))
            .ShouldBeOfType<Outcome<AnswerCase.Answered>.Invalid>().Field.ShouldBe("response");
        (await CountAsync("case_letter")).ShouldBe(0);
        (await InTransactionAsync((c, tx) => AnswerCase.HandleAsync(c, tx, Council, file.CaseId, "answered", "We issued 1,204 summonses.", Today, "test", Now)))
            .ShouldBeOfType<Outcome<AnswerCase.Answered>.Done>();
        (await InTransactionAsync((c, tx) => AnswerCase.HandleAsync(c, tx, Council, file.CaseId, "answered", "again", Today, "test", Now)))
            .ShouldBeOfType<Outcome<AnswerCase.Answered>.Conflict>();
        (await InTransactionAsync((c, tx) => EscalateComplaint.EscalateAsync(c, tx, Council, file.CaseId, Today, "x", Today, "test", Now)))
            .ShouldBeOfType<Outcome<CaseWithClock>.Conflict>();
    }

    [Fact]
    public async Task A_council_s_own_complaint_stage_sets_the_deadline_of_complaints_received_from_its_date()
    {
        await SetUpAsync();
        (await InTransactionAsync((c, tx) => CaseStore.SetCouncilStageAsync(c, tx, Council, new CouncilClockStage(CaseKind.Complaint, 1, "Stage 1", 5, Today), "test", Now)))
            .ShouldBeOfType<Outcome<CouncilClockStage>.Done>();
        (await InTransactionAsync((c, tx) => CaseStore.SetCouncilStageAsync(c, tx, Council, new CouncilClockStage(CaseKind.Foi, 1, "FOI", 5, Today), "test", Now)))
            .ShouldBeOfType<Outcome<CouncilClockStage>.Invalid>();
        (await LoggedAsync(Request(CaseKind.Complaint))).Deadline.ShouldBe(new LocalDate(2026, 12, 8));
    }
}
