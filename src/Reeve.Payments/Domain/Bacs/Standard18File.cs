using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.BankDetails;

namespace Reeve.Payments.Domain.Bacs;

/// <summary>The council as a Bacs service user: its service user number (SUN), the account collections are paid into, and its name.</summary>
public sealed record ServiceUser(string ServiceUserNumber, SortCode SortCode, AccountNumber AccountNumber, string Name);

/// <summary>One standard data record: the payer's (or payee's) bank details and name, the code, the amount and the reference.</summary>
public sealed record PaymentInstruction(
    SortCode SortCode,
    AccountNumber AccountNumber,
    string AccountName,
    TransactionCode Code,
    Money Amount,
    string Reference);

/// <summary>
/// A single-processing-day Standard 18 submission (formats.md 1.1): one file of collections (01, 17, 18, 19)
/// with a credit contra, of Direct Credits (99) with a debit contra, or of AUDDIS instructions (0N, 0C, 0S)
/// with no contra. <see cref="VolumeSerialNumber"/> is the submission serial, six characters.
/// </summary>
public sealed record Standard18File(
    ServiceUser Originator,
    string VolumeSerialNumber,
    LocalDate CreationDate,
    LocalDate ProcessingDate,
    IReadOnlyList<PaymentInstruction> Instructions,
    string ContraNarrative);
