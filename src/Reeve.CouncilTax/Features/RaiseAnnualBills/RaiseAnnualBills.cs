using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Properties;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// Annual billing: a demand notice for every dwelling's liable people for the coming year (CTAE Regs 1992
/// reg 18), with the charge posted to the ledger and the statutory instalments. Dwellings are billed in chunks,
/// each chunk in its own transaction, so a run that stops part-way keeps what it finished; run again, it skips
/// every account already billed for the year (and the ledger's idempotency keys would refuse a second charge
/// anyway). Preview works everything out and writes nothing.
/// </summary>
public static class RaiseAnnualBills
{
    public const int ChunkSize = 5_000;

    public sealed record Options(CouncilId Council, FinancialYear Year, LocalDate IssuedOn, bool Preview, string Officer, int ChunkSize = ChunkSize);

    public static async Task<Outcome<AnnualBillingReport>> RunAsync(
        ReeveDatabase db, Options options, IClock clock, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        if (options.IssuedOn > options.Year.LastDay)
        {
            return new Outcome<AnnualBillingReport>.Invalid("issuedOn", $"Annual bills for {options.Year} must be issued by {DateText.LongForm.Format(options.Year.LastDay)}");
        }

        await using var connection = await db.OpenAsync(ct);
        var council = options.Council;
        var total = await PropertyListings.CountDomesticAsync(connection, council);
        var bandD = await ChargeSetting.BandDByAreaAsync(connection, null, council, options.Year);
        var localDiscounts = await LocalDiscounts.ForYearAsync(connection, null, council, options.Year);
        if (bandD.Count == 0)
        {
            return new Outcome<AnnualBillingReport>.Invalid("year", $"No Band D charges are set for {options.Year}: set the precepts first");
        }

        var now = clock.GetCurrentInstant();
        long? runId = null;
        if (!options.Preview)
        {
            runId = await IdAllocator.ReserveAsync(connection, null, council, "billing_run", 1);
            await connection.ExecuteAsync(
                "insert into billing_run (council_id, run_id, financial_year, issued_on, status, started_at, started_by) values (@council, @runId, @year, @issued, 'running', @now, @officer)",
                new { council = council.Value, runId, year = options.Year.StartYear, issued = options.IssuedOn, now, officer = options.Officer });
        }

        var tally = new Tally();
        var done = 0;
        ct.ThrowIfCancellationRequested();
        var chunk = await AnnualBillingChunk.LoadAsync(connection, council, options.Year, 0, options.ChunkSize);
        var work = chunk.Plan(options, bandD, localDiscounts, tally);
        while (chunk.Dwellings.Count > 0)
        {
            // The next chunk is read, then worked out on another thread while this one is written: working out
            // is CPU only, and chunks hold different dwellings, so nothing one writes is read by the next.
            var next = await AnnualBillingChunk.LoadAsync(connection, council, options.Year, chunk.Dwellings[^1].Uprn, options.ChunkSize);
            var planning = Task.Run(() => next.Plan(options, bandD, localDiscounts, tally), CancellationToken.None);
            if (!options.Preview)
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await work.WriteAsync(connection, tx, options, runId, now, ct);
                await tx.CommitAsync(ct);
            }

            var nextWork = await planning;
            done += chunk.Dwellings.Count;
            progress?.Report((done, total));
            ct.ThrowIfCancellationRequested();
            (chunk, work) = (next, nextWork);
        }

        if (runId is not null)
        {
            await connection.ExecuteAsync(
                "update billing_run set status = 'finished', finished_at = @now, dwellings = @dwellings, bills = @bills, total_pence = @total where council_id = @council and run_id = @runId",
                new { council = council.Value, runId, now = clock.GetCurrentInstant(), dwellings = done, bills = tally.Bills, total = tally.Total.Pence });
        }

        return new AnnualBillingReport(runId, options.Year, options.Preview, done, tally.Bills, tally.AlreadyBilled, tally.NewAccounts, tally.Total,
            tally.ByBand, tally.Problems);
    }

    internal sealed class Tally
    {
        public int Bills { get; set; }
        public int AlreadyBilled { get; set; }
        public int NewAccounts { get; set; }
        public Money Total { get; set; } = Money.Zero;
        public SortedDictionary<string, int> ByBand { get; } = new(StringComparer.Ordinal);
        public List<AnnualBillingProblem> Problems { get; } = [];
    }
}
