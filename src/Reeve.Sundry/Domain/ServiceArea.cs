using NodaTime;

namespace Reeve.Sundry.Domain;

/// <summary>A council service that raises invoices (trade waste, licensing, commercial rents ...), and whom Reeve writes to about them.</summary>
public sealed record ServiceArea(string Code, string Name, string DisputeContact, string StopServiceContact);

/// <summary>
/// A service area's recovery timetable from a date, in days after the invoice's due date: the reminder, the final notice,
/// and for individuals the letter before claim (Pre-Action Protocol for Debt Claims). A change is a new row.
/// </summary>
public sealed record RecoveryProfile(string ServiceArea, LocalDate EffectiveFrom, int DaysToReminder, int DaysToFinalNotice, int DaysToLetterBeforeClaim)
{
    public string? Problem() =>
        DaysToReminder < 1 ? "daysToReminder: Must be at least 1"
        : DaysToFinalNotice <= DaysToReminder ? "daysToFinalNotice: Must be after the reminder"
        : DaysToLetterBeforeClaim <= DaysToFinalNotice ? "daysToLetterBeforeClaim: Must be after the final notice"
        : null;
}

/// <summary>What an invoice line is for: its service area, the law the charge is made under, and its VAT code (S, R, Z, E or O).</summary>
public sealed record IncomeCode(string Code, string ServiceArea, string Description, string VatCode, string LegalBasis);

/// <summary>A VAT code's rate from a date (VAT Act 1994): a change of rate is a new row.</summary>
public sealed record VatRate(string VatCode, LocalDate EffectiveFrom, int RateBasisPoints, string Description, string Source);
