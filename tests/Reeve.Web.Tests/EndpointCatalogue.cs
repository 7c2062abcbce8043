using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Reeve.Web.Tests;

/// <summary>One way to reach an endpoint: a method, a concrete path (with any query) and the route it came from.</summary>
public sealed record EndpointVisit(string Method, string Path, string Route, string? Handler)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Every page and API endpoint the running app maps, read from its <see cref="EndpointDataSource"/>, with the GET and
/// POST handlers of each Razor page. A route is turned into concrete paths from the demo council's data by
/// <see cref="Samples"/>: a new route without a sample fails the tests that use this, so nothing is skipped silently.
/// </summary>
public static class EndpointCatalogue
{
    public sealed record Route(string Pattern, IReadOnlyList<string> Methods, IReadOnlyList<(string Method, string? Handler)> PageHandlers, bool IsPage);

    public static async Task<IReadOnlyList<Route>> RoutesAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new List<Route>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is not null)
            {
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                var handlers = compiled.HandlerMethods.Select(h => (h.HttpMethod.ToUpperInvariant(), h.Name)).Distinct().ToList();
                routes.Add(new Route(pattern, handlers.Select(h => h.Item1).Distinct().ToList(), handlers, IsPage: true));
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            routes.Add(new Route(pattern, methods.ToList(), [], IsPage: false));
        }

        return routes.GroupBy(r => r.Pattern + " " + string.Join(',', r.Methods)).Select(g => g.First()).ToList();
    }

    /// <summary>
    /// Concrete paths for each route pattern, from the demo council: every route the app maps must be here (a test that
    /// enumerates fails on a route without samples, naming it, so a new page cannot go unvisited).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> SamplesAsync(ReeveAppFixture app)
    {
        await using var connection = await app.Database.OpenAsync();
        var c = new { c = app.HomeCouncil.Value };
        async Task<string> One(string sql, string fallback = "999999") =>
            Convert.ToString(await connection.ExecuteScalarAsync(sql, c), System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } found ? found : fallback;

        var reference = await app.AccountReferenceAsync();
        var uprn = await One("select a.uprn from account a where a.council_id = @c and a.reference = '" + reference + "'");
        var person = await One("select p.party_id from account_party p join account a on a.council_id = p.council_id and a.account_id = p.account_id where a.council_id = @c and a.reference = '" + reference + "' order by p.party_id limit 1");
        var entry = await One("select e.entry_id from ledger_entry e join account a on a.council_id = e.council_id and a.account_id = e.account_id where a.council_id = @c and a.reference = '" + reference + "' order by e.entry_id limit 1");
        var (awardUprn, awardId) = await connection.QueryFirstOrDefaultAsync<(long, long)>("select uprn, award_id from ctax_award where council_id = @c and award_to is null order by award_id limit 1", c);
        var session = await One("select session_id from court_session where council_id = @c order by session_id limit 1");
        var run = await One("select run_id from recovery_run where council_id = @c order by run_id limit 1");
        var task = await One("select task_id from trace_task where council_id = @c order by task_id limit 1");
        var hereditament = await One("select hereditament_id from hereditament where council_id = @c order by hereditament_id limit 1");
        var card = await One("select card_payment_id from card_payment where council_id = @c order by card_payment_id limit 1");
        var ddRun = await One("select run_id from dd_collection_run where council_id = @c order by run_id limit 1");
        var lodgement = await One("select lodgement_id from dd_lodgement where council_id = @c order by lodgement_id limit 1");
        var (printId, printFile) = await connection.QueryFirstOrDefaultAsync<(long, string)>("select print_id, file_name from letter_print_file where council_id = @c order by print_id, file_name limit 1", c);
        var printFiles = (await connection.QueryAsync<string>("select file_name from letter_print_file where council_id = @c and print_id = @p", new { c = c.c, p = printId })).ToList();
        var (noticeReference, noticeId) = await connection.QueryFirstOrDefaultAsync<(string, long)>("select a.reference, n.notice_id from letter_notice n join account a on a.council_id = n.council_id and a.account_id = n.account_id where n.council_id = @c order by n.notice_id limit 1", c);
        var (letterType, channel) = await connection.QueryFirstOrDefaultAsync<(string, string)>("select letter_type, channel from letter_template where council_id = @c order by letter_type, channel limit 1", c);
        var (area, year) = await connection.QueryFirstOrDefaultAsync<(string, long)>("select p.area_code, p.financial_year from precept p where p.council_id = @c order by p.financial_year desc limit 1", c);
        var surname = await One("select surname from party_name where council_id = @c and surname is not null order by party_id limit 1", "Smith");
        var postcode = await One("select postcode from property where council_id = @c order by uprn limit 1", "AB1 2CD");
        var (caseId, caseLetter) = await connection.QueryFirstOrDefaultAsync<(long, long)>("select case_id, letter_id from case_letter where council_id = @c order by letter_id limit 1", c);
        var openCase = await One("select case_id from case_record where council_id = @c and state <> 'closed' order by case_id limit 1");
        var officerId = await One("select min(officer_id) from officer", "1");

        return new Dictionary<string, string[]>
        {
            ["/"] = ["/", "/?q=" + Uri.EscapeDataString(surname), "/?q=" + Uri.EscapeDataString(postcode)],
            ["/sign-in"] = ["/sign-in"],
            ["/sign-out"] = ["/sign-out"],
            ["/council"] = ["/council"],
            ["/dashboards"] = ["/dashboards", "/dashboards?handler=Csv"],
            ["/dashboards/arrears"] = ["/dashboards/arrears", "/dashboards/arrears?handler=Csv"],
            ["/dashboards/suspense"] = ["/dashboards/suspense"],
            ["/dashboards/target"] = ["/dashboards/target"],
            ["/returns/quarterly-receipts"] = ["/returns/quarterly-receipts", "/returns/quarterly-receipts?handler=Csv"],
            ["/returns/tax-base"] = ["/returns/tax-base", "/returns/tax-base?handler=Csv"],
            ["/error/{code:int?}"] = ["/error/404"],
            ["/audit"] = ["/audit", $"/audit?kind=account&id={reference}"],
            ["/jobs"] = ["/jobs"],
            ["/accounts/{reference}"] = [$"/accounts/{reference}"],
            ["/accounts/{reference}/refund"] = [$"/accounts/{reference}/refund"],
            ["/accounts/{reference}/statement"] = [$"/accounts/{reference}/statement", $"/accounts/{reference}/statement?format=csv", $"/accounts/{reference}/statement?format=pdf"],
            ["/accounts/{reference}/instalments"] = [$"/accounts/{reference}/instalments"],
            ["/accounts/{reference}/letters/new"] = [$"/accounts/{reference}/letters/new"],
            ["/accounts/{reference}/instalment-day"] = [$"/accounts/{reference}/instalment-day"],
            ["/accounts/{reference}/card-payment"] = [$"/accounts/{reference}/card-payment"],
            ["/accounts/{reference}/recovery"] = [$"/accounts/{reference}/recovery"],
            ["/accounts/{reference}/entries/{entryId:long}/reverse"] = [$"/accounts/{reference}/entries/{entry}/reverse"],
            ["/accounts/{reference}/direct-debit"] = [$"/accounts/{reference}/direct-debit"],
            ["/accounts/{reference}/payment-method"] = [$"/accounts/{reference}/payment-method"],
            ["/accounts/{reference}/notices/{noticeId:long}/copy.pdf"] = [$"/accounts/{noticeReference}/notices/{noticeId}/copy.pdf"],
            ["/accounts/{reference}/letters/preview.pdf"] = [$"/accounts/{reference}/letters/preview.pdf?type=reminder"],
            ["/properties/{uprn:long}"] = [$"/properties/{uprn}"],
            ["/properties/{uprn:long}/owner-end"] = [$"/properties/{uprn}/owner-end"],
            ["/properties/{uprn:long}/band-change"] = [$"/properties/{uprn}/band-change"],
            ["/properties/{uprn:long}/award"] = [$"/properties/{uprn}/award"],
            ["/properties/{uprn:long}/move-in"] = [$"/properties/{uprn}/move-in", $"/properties/{uprn}/move-in?person=" + Uri.EscapeDataString(surname)],
            ["/properties/{uprn:long}/owner"] = [$"/properties/{uprn}/owner"],
            ["/properties/{uprn:long}/awards/{awardId:long}/end"] = [$"/properties/{awardUprn}/awards/{awardId}/end"],
            ["/properties/{uprn:long}/move-out"] = [$"/properties/{uprn}/move-out"],
            ["/people/{id:long}"] = [$"/people/{person}"],
            ["/people/{id:long}/edit"] = [$"/people/{person}/edit"],
            ["/api/v1/people/{id:long}"] = [$"/api/v1/people/{person}"],
            ["/people/{id:long}/income-and-expenditure"] = [$"/people/{person}/income-and-expenditure"],
            ["/people/{id:long}/arrangement"] = [$"/people/{person}/arrangement"],
            ["/people/{id:long}/vulnerability"] = [$"/people/{person}/vulnerability"],
            ["/people/{id:long}/contact-preferences"] = [$"/people/{person}/contact-preferences"],
            ["/people/{id:long}/breathing-space"] = [$"/people/{person}/breathing-space"],
            ["/people/{id:long}/trace"] = [$"/people/{person}/trace"],
            ["/people/queues"] = ["/people/queues"],
            ["/people/tracing"] = ["/people/tracing"],
            ["/people/tracing/{taskId:long}"] = [$"/people/tracing/{task}"],
            ["/recovery"] = ["/recovery"],
            ["/recovery/preview"] = ["/recovery/preview"],
            ["/recovery/runs/{id:long}"] = [$"/recovery/runs/{run}"],
            ["/recovery/court"] = ["/recovery/court"],
            ["/recovery/court/{id:long}"] = [$"/recovery/court/{session}"],
            ["/payments"] = ["/payments"],
            ["/payments/reconciliation"] = ["/payments/reconciliation"],
            ["/payments/refunds"] = ["/payments/refunds"],
            ["/payments/suspense"] = ["/payments/suspense"],
            ["/payments/card/{id:long}/return"] = [$"/payments/card/{card}/return"],
            ["/payments/govuk-pay/webhook"] = ["/payments/govuk-pay/webhook"],
            ["/direct-debit"] = ["/direct-debit"],
            ["/uploads"] = ["/uploads"],
            ["/uploads/{kind}"] = ["/uploads/bank-statement", "/uploads/arudd", "/uploads/band-schedule", "/uploads/breathing-space"],
            ["/direct-debit/{kind}/{id:long}/file"] = [$"/direct-debit/runs/{ddRun}/file", $"/direct-debit/lodgements/{lodgement}/file"],
            ["/council-tax/charges"] = ["/council-tax/charges"],
            ["/load"] = ["/load"],
            ["/council-tax/charges/{year:int:range(1993,2100)}/{area}"] = [$"/council-tax/charges/{year}/{area}"],
            ["/rates/hereditaments/{id:long}"] = [$"/rates/hereditaments/{hereditament}"],
            ["/letters"] = ["/letters"],
            ["/letters/templates"] = ["/letters/templates"],
            ["/letters/templates/{type}/{channel}"] = [$"/letters/templates/{letterType ?? "reminder"}/{channel ?? "letter"}"],
            ["/letters/print-runs/{printId:long}/{file}"] = printFiles.Count > 0 ? printFiles.Select(f => $"/letters/print-runs/{printId}/{Uri.EscapeDataString(f)}").ToArray() : [$"/letters/print-runs/{printId}/{printFile}"],
            ["/notify/delivery-status"] = ["/notify/delivery-status"],
            ["/openapi/{documentName}.json"] = ["/openapi/v1.json"],
            ["/api/v1/accounts/{reference}"] = [$"/api/v1/accounts/{reference}"],
            ["/api/v1/accounts/{reference}/ledger"] = [$"/api/v1/accounts/{reference}/ledger"],
            ["/api/v1/people/{id}"] = [$"/api/v1/people/{person}"],
            ["/api/v1/properties/{uprn}"] = [$"/api/v1/properties/{uprn}"],
            ["/api/v1/search"] = ["/api/v1/search?q=" + Uri.EscapeDataString(surname)],
            ["/api/v1/accounts/{reference}/payment-method"] = [$"/api/v1/accounts/{reference}/payment-method"],
            ["/api/v1/calc/{kind}"] = ["/api/v1/calc/council-tax"],
            ["/api/v1/people/{id}/income-and-expenditure"] = [$"/api/v1/people/{person}/income-and-expenditure"],
            ["/api/v1/people"] = ["/api/v1/people"],
            ["/api/v1/accounts/{reference}/ledger/{entryId:long}/reversal"] = [$"/api/v1/accounts/{reference}/ledger/{entry}/reversal"],
            ["/people/new"] = ["/people/new"],
            ["/cases"] = ["/cases", "/cases?kind=foi&state=overdue&assigned=me", "/cases?state=closed&p=2"],
            ["/cases/new"] = ["/cases/new", $"/cases/new?person={person}"],
            ["/cases/{id:long}"] = [$"/cases/{openCase}", $"/cases/{caseId}"],
            ["/cases/{id:long}/letters/{letterId:long}"] = [$"/cases/{caseId}/letters/{caseLetter}"],
            ["/people/{id:long}/subject-access"] = [$"/people/{person}/subject-access"],
            ["/payments/reversals"] = ["/payments/reversals"],
            ["/officers/locked"] = ["/officers/locked"],
            ["/officers"] = ["/officers"],
            ["/officers/new"] = ["/officers/new"],
            ["/officers/{id:int}"] = [$"/officers/{officerId}"],
            ["/api/v1/officers/"] = ["/api/v1/officers"],
            ["/api/v1/officers/{id:int}"] = [$"/api/v1/officers/{officerId}"],
            // An officer that is not there: the audit and fuzz visits post to these as a System Administrator and must not disable a real one.
            ["/api/v1/officers/{id:int}/disable"] = ["/api/v1/officers/999999/disable"],
            ["/api/v1/officers/{id:int}/enable"] = ["/api/v1/officers/999999/enable"],
            ["/councils"] = ["/councils"],
            ["/councils/{id:int}"] = [$"/councils/{c.c}"],
            ["/councils/{id:int}/details"] = [$"/councils/{c.c}/details"],
            ["/councils/{id:int}/bank-accounts"] = [$"/councils/{c.c}/bank-accounts"],
            ["/councils/{id:int}/service-user-number"] = [$"/councils/{c.c}/service-user-number"],
            ["/councils/{id:int}/recovery-profile"] = [$"/councils/{c.c}/recovery-profile"],
            ["/councils/{id:int}/courts"] = [$"/councils/{c.c}/courts"],
            ["/councils/{id:int}/charges"] = [$"/councils/{c.c}/charges"],
            ["/councils/{id:int}/council-tax-charges"] = [$"/councils/{c.c}/council-tax-charges", $"/councils/{c.c}/council-tax-charges?year=1900"],
            ["/officers/set-password"] = ["/officers/set-password", "/officers/set-password?token=not-a-live-token"],
            ["/work/team"] = ["/work/team", "/work/team?officer=-", "/work/team?officer=officer&kind=Trace&p=2"],
            ["/work/take"] = ["/work/take"],
            ["/work/teams"] = ["/work/teams"],
            ["/account/two-factor"] = ["/account/two-factor"],
            ["/sign-in/code"] = ["/sign-in/code"],
            // The residents' portal: an officer's cookie opens none of it (its own tests prove a resident sees only their own accounts).
            ["/portal"] = ["/portal"],
            ["/portal/sign-in"] = ["/portal/sign-in"],
            ["/portal/sign-out"] = ["/portal/sign-out"],
            ["/portal/set-up"] = ["/portal/set-up"],
            ["/portal/check-email"] = ["/portal/check-email"],
            ["/portal/accounts"] = ["/portal/accounts"],
            ["/portal/accounts/add"] = ["/portal/accounts/add"],
            ["/portal/accounts/{reference}"] = [$"/portal/accounts/{reference}"],
            ["/portal/accounts/{reference}/bills/{year:int}"] = [$"/portal/accounts/{reference}/bills/{year}"],
            ["/portal/accounts/{reference}/bills/{year:int}/pdf"] = [$"/portal/accounts/{reference}/bills/{year}/pdf"],
            ["/portal/accounts/{reference}/letters/{noticeId:long}/pdf"] = [$"/portal/accounts/{noticeReference}/letters/{noticeId}/pdf"],
        };
    }

    /// <summary>Every GET (page, named page handler, or endpoint) as concrete visits; throws naming any route without samples.</summary>
    public static async Task<IReadOnlyList<EndpointVisit>> VisitsAsync(ReeveAppFixture app, string method)
    {
        var routes = await RoutesAsync(app.Services);
        var samples = await SamplesAsync(app);
        var missing = routes.Select(r => r.Pattern).Where(p => !samples.ContainsKey(p)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Routes without sample paths in EndpointCatalogue.SamplesAsync: " + string.Join(", ", missing));
        }

        var visits = new List<EndpointVisit>();
        foreach (var route in routes.Where(r => r.Methods.Contains(method, StringComparer.OrdinalIgnoreCase)))
        {
            foreach (var path in samples[route.Pattern])
            {
                if (!route.IsPage)
                {
                    visits.Add(new EndpointVisit(method, path, route.Pattern, null));
                    continue;
                }

                foreach (var (_, handler) in route.PageHandlers.Where(h => string.Equals(h.Method, method, StringComparison.OrdinalIgnoreCase)))
                {
                    var full = handler is null ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
                    visits.Add(new EndpointVisit(method, full, route.Pattern, handler));
                }
            }
        }

        return visits;
    }
}
