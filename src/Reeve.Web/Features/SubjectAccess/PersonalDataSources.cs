using Reeve.Persistence;

namespace Reeve.Web.Features.SubjectAccess;

/// <summary>
/// Every module's answer to "what do you hold on this person?", asked by the subject access pack (Cases) after the
/// parts it reads itself through People, Ledger, Letters and Officers. A module that starts keeping personal data adds
/// its source here; <c>SubjectAccessPackTests</c> puts a row in each and checks it reaches the zip.
/// </summary>
public static class PersonalDataSources
{
    public static IReadOnlyList<IPersonalDataSource> All { get; } =
    [
        new Reeve.People.PeoplePersonalData(),
        new Reeve.CouncilTax.CouncilTaxPersonalData(),
        new Reeve.BusinessRates.BusinessRatesPersonalData(),
        new Reeve.Payments.PaymentsPersonalData(),
        new Reeve.Recovery.RecoveryPersonalData(),
        new Reeve.Enforcement.EnforcementPersonalData(),
        new Reeve.Sundry.SundryPersonalData(),
        new Reeve.Overpayments.OverpaymentsPersonalData(),
        new Reeve.Letters.LettersPersonalData(),
        new Reeve.Portal.Features.ExportPersonalData.PortalPersonalData(),
    ];
}
