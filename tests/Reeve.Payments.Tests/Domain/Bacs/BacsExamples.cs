using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;

namespace Reeve.Payments.Tests.Domain.Bacs;

/// <summary>The data of formats.md 1.10's worked example.</summary>
internal static class BacsExamples
{
    public static readonly ServiceUser AnytownCouncil =
        new("123456", SortCode.Parse("40-12-34"), AccountNumber.Parse("12345678"), "Anytown Council");

    public static PaymentInstruction Collection(string sortCode, string account, string name, TransactionCode code, long pence, string reference) =>
        new(SortCode.Parse(sortCode), AccountNumber.Parse(account), name, code, Money.FromPence(pence), reference);

    public static Standard18File WorkedExample() => new(
        AnytownCouncil,
        "000001",
        new LocalDate(2025, 3, 3),
        new LocalDate(2025, 3, 5),
        [
            Collection("089999", "66374958", "J Smith", TransactionCode.RegularCollection, 12345, "CT500012345"),
            Collection("107999", "88837491", "A Jones", TransactionCode.FirstCollection, 9900, "CT500067890"),
        ],
        "CT DD 2025-03-05");
}
