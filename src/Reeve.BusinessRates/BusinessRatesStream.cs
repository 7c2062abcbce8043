using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.BusinessRates;

/// <summary>
/// Business Rates as a debt stream: its accounts (one per occupation of a hereditament) are recovered under the
/// Non-Domestic Rating (Collection and Enforcement) (Local Lists) Regulations 1989 (SI 1989/1058) and are due what
/// the bill in force says: the newest version issued by the as-at day, its instalments under Sch 1.
/// </summary>
public sealed class BusinessRatesStream : IDebtStream
{
    public AccountKind Kind => AccountKind.BusinessRates;

    public RecoveryRegime Regime => RecoveryRegime.BusinessRates;

    public string DueScheduleSql { get; } = VersionedBillSchedule.Sql("rates_bill", "rates_instalment");

    /// <summary>
    /// The demand notice is the advance notice of its instalments (it states each amount and date, Sch 1 para 1):
    /// noticed on the day the bill in force was issued, so a rates account paying by Direct Debit is collected.
    /// </summary>
    public string DueBetweenSql { get; } = VersionedBillSchedule.DueBetweenSql("rates_bill", "rates_instalment");
}
