using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Reeve.Officers;
using Xunit.Abstractions;

namespace Reeve.Web.Tests;

/// <summary>An app of its own for the fuzz test: what it accepts (a hostile note is still a note) must not disturb other tests.</summary>
[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<ReeveAppFixture>
{
    public const string Name = "fuzz";
}

/// <summary>
/// Every form (each POST handler of each page) and every API POST, found from the app's endpoint data source, sent long,
/// empty, malformed and hostile values in every field the form has: no answer may be a 500 or show a stack trace, and a
/// request the app refuses (anything but a redirect or a 2xx from the API) must leave the database as it was, and
/// no 10,000-character value may be saved anywhere.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed partial class FuzzEveryFormTests(ReeveAppFixture app, ITestOutputHelper output)
{
    public static TheoryData<string, string> Values() => new()
    {
        { "long", new string('x', 10_000) },
        { "empty", "" },
        { "malformed and hostile", "31/02/-1e309 ' OR 1=1 -- <script>alert(1)</script>" },
    };

    /// <summary>
    /// Tables every request may touch: the audit trail and its id block, the officer's sign-in record and session, and
    /// the logs of sign-in attempts, whose whole point is to count refused ones toward a lockout.
    /// </summary>
    // The scheduler's own tables, its run history and the dashboard summary a job refreshes every ten minutes change on
    // the scheduler's clock, whatever a form does, so they are left out too.
    private static readonly HashSet<string> Unfingerprinted =
        ["audit_log", "id_block", "officer", "officer_council", "officer_session", "officer_sign_in_lock", "portal_attempt",
         "job_run", "job_lease", "collection_summary", "collection_summary_watermark"];

    [GeneratedRegex("<(?:input|textarea|select)[^>]*\\bname=\"([^\"]+)\"")]
    private static partial Regex FieldName();

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Every_form_and_api_post_refuses_a_value_without_a_500_a_stack_trace_or_a_change_saved(string kind, string value)
    {
        var visits = (await EndpointCatalogue.VisitsAsync(app, "POST"))
            .Where(v => v.Route is not ("/sign-out" or "/sign-in" or "/notify/delivery-status" or "/payments/govuk-pay/webhook" or "/error/{code:int?}"))
            .ToList();
        var username = await app.NewOfficerAsync(Role.Manager);
        var client = await OfficerClient.SignedInAsync(app, username);
        var failures = new List<string>();
        try
        {
            var before = await FingerprintAsync();
            foreach (var visit in visits)
            {
                HttpResponseMessage response;
                if (visit.Route.StartsWith("/api/", StringComparison.Ordinal))
                {
                    response = await client.PostJsonAsync(visit.Path, ApiBody(value));
                }
                else
                {
                    var formPage = Regex.Replace(visit.Path, "[?&]handler=[^&]*", "");
                    var page = await client.GetAsync(formPage);
                    var html = await page.Content.ReadAsStringAsync();
                    if (!page.IsSuccessStatusCode || !html.Contains("__RequestVerificationToken", StringComparison.Ordinal))
                    {
                        output.WriteLine($"{visit}: no form to fill ({(int)page.StatusCode})");
                        continue;
                    }

                    var fields = FieldName().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(n => n != "__RequestVerificationToken")
                        .Distinct().ToDictionary(n => n, _ => value);
                    fields["__RequestVerificationToken"] = OfficerClient.Token(html);
                    response = await client.PostFormAsync(visit.Path, fields, withToken: false);
                }

                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                output.WriteLine($"{visit}: {status}");
                if (status >= 500 || body.Contains("   at Reeve.", StringComparison.Ordinal) || body.Contains("Exception:", StringComparison.Ordinal))
                {
                    failures.Add($"{visit}: {status} {(body.Length > 300 ? body[..300] : body)}");
                    continue;
                }

                var accepted = status is 301 or 302 or 303 || (visit.Route.StartsWith("/api/", StringComparison.Ordinal) && status is >= 200 and < 300);
                var after = await FingerprintAsync();
                if (!accepted && after.Hash != before.Hash)
                {
                    failures.Add($"{visit}: refused ({status}) but the database changed");
                }
                else if (after.LongestText >= 10_000)
                {
                    failures.Add($"{visit}: saved a {after.LongestText:N0}-character value ({status})");
                }

                before = after;

                response.Dispose();
                if (response.Headers.Location?.ToString().Contains("/sign-in", StringComparison.Ordinal) == true)
                {
                    client.Dispose();
                    client = await OfficerClient.SignedInAsync(app, username);
                }
            }
        }
        finally
        {
            client.Dispose();
        }

        visits.Count.ShouldBeGreaterThan(30);
        failures.ShouldBeEmpty($"{kind}: {failures.Count} of {visits.Count}:\n" + string.Join('\n', failures));
    }

    private static object ApiBody(string value) => new
    {
        paymentMethod = value,
        version = value,
        householdAdults = value,
        householdChildren = value,
        monthlyIncome = new { earnings = value },
        monthlyExpenditure = new { foodAndHousekeeping = value },
        debts = new[] { new { reference = value, kind = value, balance = value, priority = value } },
    };

    /// <summary>A hash of every row of every table but the few every request may touch.</summary>
    private async Task<(string Hash, int LongestText)> FingerprintAsync()
    {
        await using var connection = await app.Database.OpenAsync();
        var tables = (await connection.QueryAsync<string>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"))
            .Where(t => !Unfingerprinted.Contains(t) && !t.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase)).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var longest = 0;
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"select * from \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            hash.AppendData(Encoding.UTF8.GetBytes(table));
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    longest = Math.Max(longest, text.Length);
                    hash.AppendData(Encoding.UTF8.GetBytes(text + "|"));
                }
            }
        }

        return (Convert.ToHexString(hash.GetHashAndReset()), longest);
    }
}
