using System.Net;
using System.Text;

namespace Reeve.Web.Hosting;

/// <summary>
/// Where the making of the demo council has got to when the app starts on an empty database. The README's run
/// command starts listening at once and makes the demo in the background; until it is ready every page answers
/// with <see cref="DemoSetupPage.UseDemoSetupPage"/>'s holding page, which follows the progress with a small script
/// and offers a "Check again" link without one.
/// </summary>
public sealed class DemoSetup
{
    private readonly object gate = new();
    private string stage = "";
    private int done;
    private int total;
    private volatile State current = State.NotNeeded;

    public enum State
    {
        NotNeeded,
        Building,
        Ready,
        Failed,
    }

    /// <summary>Set by the thread making the demo, read by every request.</summary>
    public State Current => current;

    public string? Failure { get; private set; }

    /// <summary>True while pages must wait: the demo is being made or making it failed.</summary>
    public bool Holding => Current is State.Building or State.Failed;

    public void Begin() => current = State.Building;

    public void Report(string newStage, int newDone, int newTotal)
    {
        lock (gate)
        {
            stage = newStage;
            done = newDone;
            total = newTotal;
        }
    }

    public void Finish() => current = State.Ready;

    public void Fail(string message)
    {
        Failure = message;
        current = State.Failed;
    }

    /// <summary>The holding page: a GOV.UK page that says what is being made, or why making it failed.</summary>
    public string HoldingPage()
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en" class="govuk-template">
            <head>
                <meta charset="utf-8">
            """);
        var heading = Current == State.Failed ? "The demo council could not be made" : "Setting up the demo council";
        html.Append(Invariant($"""
                <title>{heading} - Reeve</title>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
                <link rel="stylesheet" href="/govuk/govuk-frontend.min.css">
                <link rel="stylesheet" href="/reeve/reeve.css">
            </head>
            <body class="govuk-template__body">
                <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
                <header class="govuk-template__header">
                    <div class="govuk-generic-header"><div class="govuk-generic-header__container govuk-width-container">
                        <div class="govuk-generic-header__logo"><span class="govuk-generic-header__homepage-link">Reeve</span></div>
                    </div></div>
                </header>
                <div class="govuk-width-container">
                    <main class="govuk-main-wrapper" id="main-content">
                        <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                            <h1 class="govuk-heading-l">{heading}</h1>
            """));
        if (Current == State.Failed)
        {
            html.Append(Invariant($"""
                            <p class="govuk-body">Reeve started, but making the demo council stopped with this error:</p>
                            <pre class="govuk-body">{WebUtility.HtmlEncode(Failure ?? "")}</pre>
                            <p class="govuk-body">Stop the app, delete the demo database and start it again.</p>
            """));
        }
        else
        {
            html.Append(Invariant($"""
                            <p class="govuk-body">This is the first start on an empty database, so Reeve is making a demo council to try it with: properties, people, bills, payments, Direct Debits and recovery. It takes a minute or two.</p>
                            <div class="govuk-inset-text">
                                <p class="govuk-body govuk-!-margin-bottom-0" role="status" data-demo-setup-status>{WebUtility.HtmlEncode(NowDoing())}</p>
                            </div>
                            <p class="govuk-body">The officers' sign-in details are printed where you started Reeve. This page opens the sign-in page by itself when the council is ready.</p>
                            <a href="" class="govuk-button" data-module="govuk-button" role="button" draggable="false">Check again</a>
            """));
        }

        html.Append("""
                        </div></div>
                    </main>
                </div>
                <script type="module" src="/reeve/demo-setup.mjs"></script>
            </body>
            </html>
            """);
        return html.ToString();
    }

    /// <summary>What is being made now, in words ("Now: Eastmere Borough Council: payments (44%)").</summary>
    public string NowDoing()
    {
        string now;
        int currentDone, currentTotal;
        lock (gate)
        {
            (now, currentDone, currentTotal) = (string.IsNullOrEmpty(stage) ? "Starting" : stage, done, total);
        }

        return currentTotal > 0 ? Invariant($"Now: {now} ({100L * currentDone / currentTotal}%)") : "Now: " + now;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

internal static class DemoSetupPage
{
    /// <summary>Holds every request but the front-end files while the demo council is being made.</summary>
    public static IApplicationBuilder UseDemoSetupPage(this IApplicationBuilder app, DemoSetup setup) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/setup-progress")
            {
                var state = setup.Current switch
                {
                    DemoSetup.State.Building => "building",
                    DemoSetup.State.Failed => "failed",
                    _ => "ready",
                };
                await Results.Json(new { state, now = setup.NowDoing() }).ExecuteAsync(context);
                return;
            }

            if (!setup.Holding)
            {
                await next();
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: 503, title: "The demo council is being set up", detail: "Try again in a few seconds.")
                    .ExecuteAsync(context);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(setup.HoldingPage());
        });
}
