using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.CouncilTax;

/// <summary>
/// Council Tax as a debt stream: its accounts, recovered under the CTAE Regulations 1992, are due what the bill
/// in force says. The bill in force on a day is the newest version issued by then; a re-bill replaces the
/// instalments (CTAE Regs 1992 reg 24), and recovery follows the new ones from the day it is issued.
/// </summary>
public sealed class CouncilTaxStream : IDebtStream
{
    public AccountKind Kind => AccountKind.CouncilTax;

    public RecoveryRegime Regime => RecoveryRegime.CouncilTax;

    public string DueScheduleSql { get; } = VersionedBillSchedule.Sql("bill", "instalment");

    /// <summary>The bill is the advance notice of its instalments: noticed on the day the bill in force was issued.</summary>
    public string DueBetweenSql { get; } = VersionedBillSchedule.DueBetweenSql("bill", "instalment");
}
