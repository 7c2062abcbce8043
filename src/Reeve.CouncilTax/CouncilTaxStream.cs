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

    public string DueScheduleSql =>
        "select i.account_id, i.financial_year, i.seq, i.due_on, i.amount_pence from instalment i " +
        "join (select account_id, financial_year, max(version) as version from bill where council_id = @council and account_id > @lo and account_id <= @hi and issued_on <= @asAt group by account_id, financial_year) b " +
        "on b.account_id = i.account_id and b.financial_year = i.financial_year and b.version = i.version " +
        "where i.council_id = @council and i.account_id > @lo and i.account_id <= @hi";
}
