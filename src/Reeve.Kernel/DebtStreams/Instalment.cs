using NodaTime;

namespace Reeve.Kernel;

/// <summary>
/// One sum due on a date: "what is due when" on an account of any kind. A council tax or business rates bill is a
/// schedule of these (the statutory instalments); a sundry invoice, a benefit overpayment or a social care charge is
/// a schedule of one, due on the invoice's due date. Recovery, arrangements and letters read schedules, not bills.
/// </summary>
public sealed record Instalment(LocalDate Due, Money Amount);
