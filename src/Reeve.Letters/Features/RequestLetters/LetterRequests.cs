#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>A request in the queue: what was asked, and the notice that answered it once one is stored.</summary>
public sealed record QueuedLetter(
    long RequestId, long AccountId, LetterType Type, LocalDate On, string SourceKey, LetterFields Fields, Instant RequestedAt, long? NoticeId);

/// <summary>
/// The queue other modules ask for letters through. A request is checked against the rules for its letter type
/// and stored once per source key, in the caller's transaction, so a recovery run that records a reminder and
/// asks for its letter does both or neither, and a re-run asks again harmlessly. Print runs and Notify take
/// requests off the queue; nothing here renders.
/// </summary>
public static class LetterRequests
{
    public static async Task<Outcome<QueuedLetter>> RequestAsync(DbConnection connection, DbTransaction transaction, LetterRequest request, Instant now)
    {
        if (Problem(request) is { } problem)
        {
            return new Outcome<QueuedLetter>.Invalid(problem.Field, problem.Message);
        }

        var council = request.Council.Value;
        var existing = await FindAsync(connection, transaction, request.Council, request.SourceKey);
        if (existing is not null)
        {
            return existing.AccountId == request.AccountId && existing.Type == request.Type && existing.On == request.On
                && LetterFieldsJson.Write(existing.Fields) == LetterFieldsJson.Write(request.Fields)
                ? existing
                : new Outcome<QueuedLetter>.Conflict($"source key '{request.SourceKey}' already asked for a different letter (request {existing.RequestId})");
        }

        if (await MoratoriumRefusalAsync(connection, transaction, request, now) is { } refusal)
        {
            return new Outcome<QueuedLetter>.Conflict(refusal);
        }

        if (await AccountStore.GetAsync(connection, request.Council, request.AccountId, transaction) is null)
        {
            return new Outcome<QueuedLetter>.NotFound($"account {request.AccountId}");
        }

        var id = await IdAllocator.ReserveAsync(connection, transaction, request.Council, "letter_request", 1);
        await connection.ExecuteAsync(
            "insert into letter_request (council_id, request_id, account_id, letter_type, request_date, source_key, fields, requested_at) " +
            "values (@council, @id, @accountId, @type, @on, @sourceKey, @fields, @now)",
            new
            {
                council, id, accountId = request.AccountId, type = request.Type.Code(), on = request.On,
                sourceKey = request.SourceKey, fields = LetterFieldsJson.Write(request.Fields), now,
            },
            transaction);
        return new QueuedLetter(id, request.AccountId, request.Type, request.On, request.SourceKey, request.Fields, now, null);
    }

    /// <summary>
    /// Many requests at once, for a batch run (a recovery run's notices): each checked as <see cref="RequestAsync"/>
    /// checks it, those whose source key is already queued left alone, the rest written in bulk (binary COPY on
    /// PostgreSQL) in the caller's transaction. Returns how many were queued; the first refused request stops the
    /// batch with its problem, and nothing of it is written.
    /// </summary>
    public static async Task<Outcome<int>> RequestManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<LetterRequest> requests, Instant now)
    {
        for (var i = 0; i < requests.Count; i++)
        {
            if (Problem(requests[i]) is { } problem)
            {
                return new Outcome<int>.Invalid($"requests[{i}].{problem.Field}", problem.Message);
            }
        }

        var fresh = new List<LetterRequest>(requests.Count);
        foreach (var council in requests.GroupBy(r => r.Council))
        {
            var queued = new HashSet<string>(StringComparer.Ordinal);
            foreach (var keys in council.Select(r => r.SourceKey).Distinct(StringComparer.Ordinal).Chunk(500))
            {
                queued.UnionWith(await connection.QueryAsync<string>(
                    $"select source_key from letter_request where council_id = @council and source_key {SqlLists.AnyOf(connection, "keys")}",
                    new { council = council.Key.Value, keys }, transaction));
            }

            fresh.AddRange(council.Where(r => queued.Add(r.SourceKey)));
        }

        // A payment demand for an account in a Breathing Space is left out and logged, not queued; the rest of the
        // batch goes ahead, as a run's other accounts are no concern of the moratorium.
        var demands = fresh.Where(r => DemandsPayment(r.Type)).ToList();
        foreach (var group in demands.GroupBy(r => (r.Council, r.On)))
        {
            var held = await Moratoriums.InForceAsync(connection, transaction, group.Key.Council, group.Select(r => r.AccountId).ToList(), group.Key.On);
            foreach (var request in group.Where(r => held.ContainsKey(r.AccountId)))
            {
                await Moratoriums.RecordRefusalAsync(connection, transaction, request.Council, held[request.AccountId], request.On, Refused(request), QueueOfficer, now);
                fresh.Remove(request);
            }
        }

        if (fresh.Count == 0)
        {
            return 0;
        }

        var rows = new List<NewRequestRow>(fresh.Count);
        foreach (var council in fresh.GroupBy(r => r.Council))
        {
            var list = council.ToList();
            var first = await IdAllocator.ReserveAsync(connection, transaction, council.Key, "letter_request", list.Count);
            rows.AddRange(list.Select((r, i) => new NewRequestRow(council.Key, first + i, r.AccountId, r.Type.Code(), r.On, r.SourceKey, LetterFieldsJson.Write(r.Fields), now)));
        }

        await SqlDialect.Of(connection).WriteAllAsync(connection, transaction, "letter_request", NewRequestShape, rows);
        return rows.Count;
    }

    /// <summary>
    /// Letters that ask the person to pay what they already owe: during a Breathing Space these are refused (SI 2020/1311
    /// reg 11(1)). A demand notice for a new charge and a Direct Debit advance notice are for ongoing liability, which
    /// the person must go on paying (reg 16(2)(b)), and a refund letter asks for nothing, so those still go.
    /// </summary>
    public static bool DemandsPayment(LetterType type) => type switch
    {
        LetterType.Reminder or LetterType.FinalNotice or LetterType.Summons or LetterType.ArrangementLetter => true,
        LetterType.DemandNotice or LetterType.DirectDebitAdvanceNotice or LetterType.RefundLetter => false,

        // The unpaid letter asks for the missed amount, which is debt in the moratorium. The cancelled and
        // re-presentation letters tell the payer what happened to their mandate or a collection (and a collection is
        // never presented again on a held account), so they still go.
        LetterType.DirectDebitUnpaid => true,
        LetterType.DirectDebitCancelled or LetterType.DirectDebitRePresentation => false,

        // A step to enforce a liability order, which reg 7 stops during a moratorium as it stops the order itself.
        LetterType.InformationRequest => true,

        // The notice of a decision the law requires (HB Regs 2006 reg 90), with the right of appeal: it tells the person of the
        // debt and how it will be recovered, and asks for no payment itself.
        LetterType.OverpaymentDecision => false,
    };

    private const string QueueOfficer = "letter queue";

    private static string Refused(LetterRequest request) =>
        $"{request.Type.Code()} letter dated {DateText.FormatLong(request.On)} (request {request.SourceKey})";

    /// <summary>
    /// The refusal of a payment demand for an account in a Breathing Space on the letter's date, logged on the account's
    /// timeline in the caller's transaction; null when the letter may go.
    /// </summary>
    private static async Task<string?> MoratoriumRefusalAsync(DbConnection connection, DbTransaction transaction, LetterRequest request, Instant now)
    {
        if (!DemandsPayment(request.Type)
            || await Moratoriums.InForceAsync(connection, transaction, request.Council, request.AccountId, request.On) is not { } hold)
        {
            return null;
        }

        await Moratoriums.RecordRefusalAsync(connection, transaction, request.Council, hold, request.On, Refused(request), QueueOfficer, now);
        return Moratoriums.RefusalMessage(hold, Refused(request));
    }

    /// <summary>What is wrong with a request before anything is looked up: no source key, or fields the law refuses.</summary>
    private static (string Field, string Message)? Problem(LetterRequest request) =>
        string.IsNullOrWhiteSpace(request.SourceKey)
            ? ("SourceKey", "a letter request needs a source key, so asking twice queues one letter")
            : LetterModelBuilder.Check(request.Fields, request.On, WorkingDays.EnglandAndWales) is { } problem ? (problem.Field, problem.Message) : null;

    /// <summary>Letters of one type issued on one date that no notice has answered yet: what a print run of them would take.</summary>
    public sealed record WaitingBatch(LetterType Type, LocalDate On, int Letters);

    /// <summary>The requests no notice has answered (not printed, emailed or texted), by type and date, newest date first.</summary>
    public static async Task<IReadOnlyList<WaitingBatch>> WaitingAsync(DbConnection connection, CouncilId council, int limit = 50) =>
        (await connection.QueryAsync<(string Type, LocalDate On, long Letters)>(
            "select r.letter_type, r.request_date, count(*) from letter_request r where r.council_id = @council and not exists " +
            "(select 1 from letter_request_notice n where n.council_id = r.council_id and n.request_id = r.request_id) " +
            "group by r.letter_type, r.request_date order by r.request_date desc, r.letter_type limit @limit",
            new { council = council.Value, limit }))
        .Select(r => new WaitingBatch(LetterTypes.FromCode(r.Type), r.On, (int)r.Letters)).ToList();

    /// <summary>Every request for a letter type issued on a date, answered or not, in request order.</summary>
    public static async Task<IReadOnlyList<QueuedLetter>> ForDateAsync(DbConnection connection, CouncilId council, LetterType type, LocalDate on) =>
        (await connection.QueryAsync<Row>(Row.Select + " where r.council_id = @council and r.letter_type = @type and r.request_date = @on order by r.request_id",
            new { council = council.Value, type = type.Code(), on }))
        .Select(r => r.ToQueued()).ToList();

    /// <summary>The newest request of a type for an account, or null.</summary>
    public static async Task<QueuedLetter?> NewestAsync(DbConnection connection, CouncilId council, long accountId, LetterType type) =>
        (await connection.QueryFirstOrDefaultAsync<Row>(
            Row.Select + " where r.council_id = @council and r.account_id = @accountId and r.letter_type = @type order by r.request_date desc, r.request_id desc",
            new { council = council.Value, accountId, type = type.Code() }))?.ToQueued();

    public static async Task<IReadOnlyList<QueuedLetter>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId) =>
        (await connection.QueryAsync<Row>(Row.Select + " where r.council_id = @council and r.account_id = @accountId order by r.request_id",
            new { council = council.Value, accountId })).Select(r => r.ToQueued()).ToList();

    public static async Task<QueuedLetter?> GetAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long requestId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where r.council_id = @council and r.request_id = @requestId",
            new { council = council.Value, requestId }, tx))?.ToQueued();

    /// <summary>Records the notice that answered a request; a request is answered once.</summary>
    public static Task AnswerAsync(DbConnection connection, DbTransaction tx, CouncilId council, long requestId, long noticeId) =>
        connection.ExecuteAsync(
            "insert into letter_request_notice (council_id, request_id, notice_id) values (@council, @requestId, @noticeId) on conflict do nothing",
            new { council = council.Value, requestId, noticeId }, tx);

    private static async Task<QueuedLetter?> FindAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string sourceKey) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where r.council_id = @council and r.source_key = @sourceKey",
            new { council = council.Value, sourceKey }, tx))?.ToQueued();

    private sealed record NewRequestRow(CouncilId Council, long RequestId, long AccountId, string Type, LocalDate On, string SourceKey, string Fields, Instant RequestedAt);

    private static readonly BulkTable<NewRequestRow> NewRequestShape = new BulkTable<NewRequestRow>()
        .Int4("council_id", r => r.Council.Value)
        .Int8("request_id", r => r.RequestId)
        .Int8("account_id", r => r.AccountId)
        .Text("letter_type", r => r.Type)
        .Date("request_date", r => r.On)
        .Text("source_key", r => r.SourceKey)
        .Text("fields", r => r.Fields)
        .Instant("requested_at", r => r.RequestedAt);

    private sealed class Row
    {
        public const string Select =
            "select r.request_id, r.account_id, r.letter_type, r.request_date, r.source_key, r.fields, r.requested_at, n.notice_id " +
            "from letter_request r left join letter_request_notice n on n.council_id = r.council_id and n.request_id = r.request_id";

        public long request_id { get; set; }
        public long account_id { get; set; }
        public string letter_type { get; set; } = "";
        public LocalDate request_date { get; set; }
        public string source_key { get; set; } = "";
        public string fields { get; set; } = "";
        public Instant requested_at { get; set; }
        public long? notice_id { get; set; }

        public QueuedLetter ToQueued() => new(request_id, account_id, LetterTypes.FromCode(letter_type), request_date, source_key,
            LetterFieldsJson.Read(fields), requested_at, notice_id);
    }
}
