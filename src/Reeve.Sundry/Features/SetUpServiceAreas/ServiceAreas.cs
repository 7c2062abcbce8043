#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Sundry.Domain;

namespace Reeve.Sundry.Features.SetUpServiceAreas;

/// <summary>The council's service areas, their recovery timetables and income codes: set up by an officer or the demo council, read by the import.</summary>
public static class ServiceAreas
{
    public static async Task<Outcome<string>> AddAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, ServiceArea area, RecoveryProfile profile, IReadOnlyList<IncomeCode> incomeCodes)
    {
        if (string.IsNullOrWhiteSpace(area.Code) || string.IsNullOrWhiteSpace(area.Name))
        {
            return new Outcome<string>.Invalid("code", "A service area has a code and a name");
        }

        if (profile.Problem() is { } problem)
        {
            var field = problem.Split(':')[0];
            return new Outcome<string>.Invalid(field, problem[(field.Length + 2)..]);
        }

        var vatCodes = (await connection.QueryAsync<string>("select distinct vat_code from sundry_vat_rate", transaction: tx)).ToHashSet(StringComparer.Ordinal);
        if (incomeCodes.FirstOrDefault(c => !vatCodes.Contains(c.VatCode)) is { } badVat)
        {
            return new Outcome<string>.Invalid("vatCode", $"Income code {badVat.Code} has VAT code '{badVat.VatCode}'; the codes are {string.Join(", ", vatCodes.Order())}");
        }

        if (await connection.ExecuteScalarAsync<int>("select count(*) from sundry_service_area where council_id = @council and code = @code",
                new { council = council.Value, code = area.Code }, tx) > 0)
        {
            return new Outcome<string>.Conflict($"There is already a service area {area.Code}");
        }

        await connection.ExecuteAsync(
            "insert into sundry_service_area (council_id, code, name, dispute_contact, stop_service_contact) values (@council, @Code, @Name, @DisputeContact, @StopServiceContact)",
            new { council = council.Value, area.Code, area.Name, area.DisputeContact, area.StopServiceContact }, tx);
        await AddProfileAsync(connection, tx, council, profile);
        foreach (var code in incomeCodes)
        {
            await connection.ExecuteAsync(
                "insert into sundry_income_code (council_id, code, service_area, description, vat_code, legal_basis) values (@council, @Code, @area, @Description, @VatCode, @LegalBasis)",
                new { council = council.Value, code.Code, area = area.Code, code.Description, code.VatCode, code.LegalBasis }, tx);
        }

        return area.Code;
    }

    /// <summary>A new timetable from a date; the old one still applies to the days before it.</summary>
    public static Task AddProfileAsync(DbConnection connection, DbTransaction tx, CouncilId council, RecoveryProfile profile) =>
        connection.ExecuteAsync(
            "insert into sundry_recovery_profile (council_id, service_area, effective_from, days_to_reminder, days_to_final_notice, days_to_letter_before_claim) " +
            "values (@council, @ServiceArea, @EffectiveFrom, @DaysToReminder, @DaysToFinalNotice, @DaysToLetterBeforeClaim)",
            new { council = council.Value, profile.ServiceArea, profile.EffectiveFrom, profile.DaysToReminder, profile.DaysToFinalNotice, profile.DaysToLetterBeforeClaim }, tx);

    public static async Task<IReadOnlyList<ServiceArea>> AllAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        (await connection.QueryAsync<AreaRow>(
            "select code, name, dispute_contact, stop_service_contact from sundry_service_area where council_id = @council order by name",
            new { council = council.Value }, tx))
        .Select(r => new ServiceArea(r.code, r.name, r.dispute_contact, r.stop_service_contact)).ToList();

    public static async Task<IReadOnlyList<IncomeCode>> IncomeCodesAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        (await connection.QueryAsync<IncomeCodeRow>(
            "select code, service_area, description, vat_code, legal_basis from sundry_income_code where council_id = @council order by code",
            new { council = council.Value }, tx))
        .Select(r => new IncomeCode(r.code, r.service_area, r.description, r.vat_code, r.legal_basis)).ToList();

    /// <summary>The timetable in force for a service area on a day: the newest row from on or before it.</summary>
    public static async Task<RecoveryProfile?> ProfileOnAsync(DbConnection connection, CouncilId council, string serviceArea, LocalDate day, DbTransaction? tx = null) =>
        (await connection.QueryAsync<ProfileRow>(
            "select service_area, effective_from, days_to_reminder, days_to_final_notice, days_to_letter_before_claim from sundry_recovery_profile " +
            "where council_id = @council and service_area = @serviceArea and effective_from <= @day order by effective_from desc limit 1",
            new { council = council.Value, serviceArea, day }, tx))
        .Select(r => new RecoveryProfile(r.service_area, r.effective_from, r.days_to_reminder, r.days_to_final_notice, r.days_to_letter_before_claim))
        .SingleOrDefault();

    public static async Task<IReadOnlyList<VatRate>> VatRatesAsync(DbConnection connection, DbTransaction? tx = null) =>
        (await connection.QueryAsync<VatRow>(
            "select vat_code, effective_from, rate_basis_points, description, source from sundry_vat_rate order by vat_code, effective_from", transaction: tx))
        .Select(r => new VatRate(r.vat_code, r.effective_from, r.rate_basis_points, r.description, r.source)).ToList();

    private sealed class AreaRow
    {
        public string code { get; set; } = "";
        public string name { get; set; } = "";
        public string dispute_contact { get; set; } = "";
        public string stop_service_contact { get; set; } = "";
    }

    private sealed class IncomeCodeRow
    {
        public string code { get; set; } = "";
        public string service_area { get; set; } = "";
        public string description { get; set; } = "";
        public string vat_code { get; set; } = "";
        public string legal_basis { get; set; } = "";
    }

    private sealed class ProfileRow
    {
        public string service_area { get; set; } = "";
        public LocalDate effective_from { get; set; }
        public int days_to_reminder { get; set; }
        public int days_to_final_notice { get; set; }
        public int days_to_letter_before_claim { get; set; }
    }

    private sealed class VatRow
    {
        public string vat_code { get; set; } = "";
        public LocalDate effective_from { get; set; }
        public int rate_basis_points { get; set; }
        public string description { get; set; } = "";
        public string source { get; set; } = "";
    }
}
