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

    /// <summary>The bill is the advance notice of its instalments: noticed on the day the bill in force was issued.</summary>
    public string DueBetweenSql =>
        "select i.account_id, i.financial_year, i.seq, i.due_on, i.amount_pence, b.issued_on as noticed_on, " +
        "case when i.seq = (select max(i3.seq) from instalment i3 where i3.council_id = i.council_id and i3.account_id = i.account_id " +
        "and i3.financial_year = i.financial_year and i3.version = i.version) then 1 else 0 end as is_last " +
        "from instalment i join bill b on b.council_id = i.council_id and b.account_id = i.account_id and b.financial_year = i.financial_year and b.version = i.version " +
        "where i.council_id = @council and i.due_on >= @from and i.due_on <= @to and i.account_id > @lo and i.account_id <= @hi " +
        "and i.version = (select max(b2.version) from bill b2 where b2.council_id = i.council_id and b2.account_id = i.account_id " +
        "and b2.financial_year = i.financial_year and b2.issued_on <= @asAt)";
}
