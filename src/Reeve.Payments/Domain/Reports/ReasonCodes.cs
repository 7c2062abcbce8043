namespace Reeve.Payments.Domain.Reports;

/// <summary>What Reeve does with a returned Direct Debit or a changed instruction.</summary>
public enum DirectDebitAction
{
    /// <summary>Tell the payer and re-present once (code 18) within a month of the original processing day (formats.md 3).</summary>
    RePresent,

    /// <summary>Stop collecting and agree another way to pay.</summary>
    CancelMandate,

    /// <summary>Put the mandate on hold until an officer looks at it (dispute, wrong details).</summary>
    SuspendMandate,

    /// <summary>Update the mandate with the new bank details the advice carries; no 0C to the old bank (formats.md 2.2).</summary>
    UpdateBankDetails,

    /// <summary>No change to the mandate; an officer reviews the item.</summary>
    Review,
}

public sealed record ReasonCode(string Code, string Meaning, DirectDebitAction Action);

/// <summary>
/// The reason code tables of formats.md 2.6, held as data: a code not in a table is still read, as
/// "unknown" with <see cref="DirectDebitAction.Review"/>, so a new code from Bacs never loses an item.
/// </summary>
public static class ReasonCodes
{
    public static IReadOnlyDictionary<string, ReasonCode> Arudd { get; } = Table(
        ("0", "Refer to payer", DirectDebitAction.RePresent),
        ("1", "Instruction cancelled", DirectDebitAction.CancelMandate),
        ("2", "Payer deceased", DirectDebitAction.CancelMandate),
        ("3", "Account transferred to another bank or building society", DirectDebitAction.SuspendMandate),
        ("4", "Advance notice disputed", DirectDebitAction.SuspendMandate),
        ("5", "No account (or wrong account type)", DirectDebitAction.SuspendMandate),
        ("6", "No instruction", DirectDebitAction.SuspendMandate),
        ("7", "Amount differs", DirectDebitAction.Review),
        ("8", "Amount not yet due", DirectDebitAction.Review),
        ("9", "Presentation overdue", DirectDebitAction.Review),
        ("A", "Service user differs", DirectDebitAction.Review),
        ("B", "Account closed", DirectDebitAction.CancelMandate));

    public static IReadOnlyDictionary<string, ReasonCode> Addacs { get; } = Table(
        ("0", "Instruction cancelled, refer to payer", DirectDebitAction.CancelMandate),
        ("1", "Instruction cancelled by payer", DirectDebitAction.CancelMandate),
        ("2", "Payer deceased", DirectDebitAction.CancelMandate),
        ("3", "Account transferred to a new bank or building society", DirectDebitAction.UpdateBankDetails),
        ("B", "Account closed", DirectDebitAction.CancelMandate),
        ("C", "Account transferred to a different branch of the same bank", DirectDebitAction.UpdateBankDetails),
        ("D", "Advance notice disputed", DirectDebitAction.SuspendMandate),
        ("E", "Instruction amended", DirectDebitAction.Review),
        ("R", "Instruction re-instated", DirectDebitAction.Review));

    public static IReadOnlyDictionary<string, ReasonCode> AuddisRejection { get; } = Table(
        ("1", "Instruction cancelled by payer", DirectDebitAction.CancelMandate),
        ("2", "Payer deceased", DirectDebitAction.CancelMandate),
        ("3", "Account transferred", DirectDebitAction.SuspendMandate),
        ("5", "No account", DirectDebitAction.CancelMandate),
        ("6", "No instruction", DirectDebitAction.CancelMandate),
        ("7", "Amount not zero", DirectDebitAction.Review),
        ("B", "Account closed", DirectDebitAction.CancelMandate),
        ("C", "Account transferred to a different branch", DirectDebitAction.SuspendMandate),
        ("F", "Invalid account type", DirectDebitAction.CancelMandate),
        ("G", "Bank will not accept Direct Debits on the account", DirectDebitAction.CancelMandate),
        ("H", "Instruction has expired", DirectDebitAction.CancelMandate),
        ("I", "Payer reference not unique", DirectDebitAction.Review),
        ("K", "Instruction cancelled by bank", DirectDebitAction.CancelMandate),
        ("L", "Incorrect payer's account details", DirectDebitAction.CancelMandate),
        ("M", "Transaction code or user status incompatible", DirectDebitAction.Review),
        ("N", "Transaction disallowed at payer's branch", DirectDebitAction.CancelMandate),
        ("O", "Invalid reference", DirectDebitAction.Review),
        ("P", "Payer's name not present", DirectDebitAction.Review),
        ("Q", "Service user name blank", DirectDebitAction.Review));

    /// <summary>
    /// ARUDD carries a 4-digit return code and a description; only 0128 and 1012 have been seen, so the
    /// 0 to B reason is taken from those codes, then from the description text (formats.md 2.3, unconfirmed).
    /// </summary>
    public static IReadOnlyDictionary<string, string> AruddReturnCodes { get; } = new Dictionary<string, string>
    {
        ["0128"] = "0",
        ["1012"] = "1",
    };

    public static IReadOnlyList<(string Text, string Reason)> AruddDescriptions { get; } =
    [
        ("REFER TO PAYER", "0"),
        ("INSTRUCTION CANCELLED", "1"),
        ("PAYER DECEASED", "2"),
        ("ACCOUNT TRANSFERRED", "3"),
        ("ADVANCE NOTICE DISPUTED", "4"),
        ("NO ACCOUNT", "5"),
        ("NO INSTRUCTION", "6"),
        ("AMOUNT DIFFERS", "7"),
        ("AMOUNT NOT YET DUE", "8"),
        ("PRESENTATION OVERDUE", "9"),
        ("SERVICE USER DIFFERS", "A"),
        ("ORIGINATOR DIFFERS", "A"),
        ("ACCOUNT CLOSED", "B"),
    ];

    public static ReasonCode Find(IReadOnlyDictionary<string, ReasonCode> table, string code) =>
        table.TryGetValue(code, out var reason) ? reason : new ReasonCode(code, "Unknown reason code " + code, DirectDebitAction.Review);

    public static ReasonCode AruddReason(string returnCode, string? description)
    {
        if (AruddReturnCodes.TryGetValue(returnCode, out var reason))
        {
            return Arudd[reason];
        }

        var text = (description ?? "").ToUpperInvariant();
        foreach (var (known, code) in AruddDescriptions)
        {
            if (text.Contains(known, StringComparison.Ordinal))
            {
                return Arudd[code];
            }
        }

        return new ReasonCode(returnCode, $"Unknown return code {returnCode} ({description})", DirectDebitAction.Review);
    }

    private static Dictionary<string, ReasonCode> Table(params (string Code, string Meaning, DirectDebitAction Action)[] rows) =>
        rows.ToDictionary(r => r.Code, r => new ReasonCode(r.Code, r.Meaning, r.Action), StringComparer.Ordinal);
}
