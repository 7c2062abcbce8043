using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;

namespace Reeve.CouncilTax;

/// <summary>Council Tax's bill notice for Letters: the demand notice, read from the bill and composed here.</summary>
public sealed class CouncilTaxDemandNotices : IBillNotices
{
    public AccountKind Kind => AccountKind.CouncilTax;

    public async Task<Outcome<DemandNoticeModel>> ComposeAsync(DbConnection connection, Account account, FinancialYear year, int? version, LocalDate issuedOn) =>
        await DemandNoticeReader.ReadAsync(connection, account.Council, account.AccountId, year, version) switch
        {
            Outcome<DemandNoticeFacts>.Done facts => DemandNotices.Build(facts.Value, issuedOn),
            Outcome<DemandNoticeFacts>.Invalid invalid => new Outcome<DemandNoticeModel>.Invalid(invalid.Field, invalid.Message),
            Outcome<DemandNoticeFacts>.NotFound missing => new Outcome<DemandNoticeModel>.NotFound(missing.What),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
}
