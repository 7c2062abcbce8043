using System.CommandLine;
using Reeve.Payments.Features.TakeCardPayments;

namespace Reeve.Cli.Features.TakeCardPayments;

/// <summary>
/// How the commands that talk to GOV.UK Pay reach it: the API address as an option (GOV.UK Pay's own by default),
/// and the API key from REEVE_GOVUKPAY_API_KEY, never the command line, so it is not left in shell history.
/// </summary>
internal static class GovUkPayConnection
{
    public static Option<string> BaseUrl() => new("--base-url")
    {
        Description = "GOV.UK Pay's API address", HelpName = "url", DefaultValueFactory = _ => "https://publicapi.payments.service.gov.uk/",
    };

    /// <summary>An HttpClient for GOV.UK Pay, or what is missing to make one.</summary>
    public static (HttpClient? Http, string? Problem) Connect(CliHost host, ParseResult parsed, Option<string> baseUrl)
    {
        if (host.Environment("REEVE_GOVUKPAY_API_KEY") is not { Length: > 0 } key)
        {
            return (null, "set REEVE_GOVUKPAY_API_KEY to the council's GOV.UK Pay API key");
        }

        return Uri.TryCreate(parsed.GetValue(baseUrl), UriKind.Absolute, out var url)
            ? (GovUkPayClient.Connect(url, key), null)
            : (null, "--base-url: not an absolute URL");
    }
}
