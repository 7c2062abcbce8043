using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Reeve.Calculators;
using Reeve.BusinessRates;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;
using Reeve.Persistence;
using Reeve.Portal;
using Reeve.Web.Api;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Letters;
using Reeve.Web.Hosting;
using Reeve.Web.Security;

namespace Reeve.Web;

/// <summary>
/// The officer web app and JSON API in one process. <see cref="Build"/> and <see cref="StartAsync"/> are
/// what Program.cs and the web tests both use, so the tests drive the real app on a real port.
/// </summary>
public static class ReeveWebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The debt streams this build offers (recovery and letters ask for them by account kind).
        CouncilTaxModule.Register();
        Reeve.Sundry.SundryModule.Register();
        Reeve.Overpayments.OverpaymentsModule.Register();
        BusinessRatesModule.Register();
        Reeve.People.PeopleModule.Register(); // its daily duties (Breathing Space ends, broken arrangements)
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Razor Pages are found in the application's assembly: name it, so a test host finds them too.
            ApplicationName = typeof(ReeveWebApp).Assembly.GetName().Name,
        });

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration["http_ports"])
            && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddRequestLimits();
        configure?.Invoke(builder);
        builder.AddHardening();

        var services = builder.Services;
        services.AddSingleton(DatabaseSetting.Open(builder.Configuration));
        services.AddSingleton<DemoSetup>();
        // A test host may register its own clock first (to run tomorrow's recovery run today); otherwise the system's.
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton<CalculatorRegistry>(_ => CalculatorCatalogue.Create());
        services.AddSingleton<OfficerAudit>();
        services.AddSingleton<Features.Display.CouncilDirectory>();
        services.AddScoped<Features.PersonCasework.CaseworkCommand>();
        services.AddScoped<Features.Cases.CaseCommand>();
        // The scheduled jobs: this app fires them unless Jobs:RunIn says `reeve jobs run` does (decision 0054).
        services.AddSingleton<Features.Jobs.JobsHost>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Jobs.JobsHost>());
        services.AddOfficerAuthentication();
        // The residents' portal under /portal: its pages, its own sign-in scheme and cookie (never the officers').
        services.AddPortal(builder.Configuration);
        services.AddLetters(builder.Configuration);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "reeve.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__RequestVerificationToken";
        });
        services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AuthorizeFolder("/Audit", Authentication.CanReadAuditPolicy);
        });
        // Pages say "£" and people's names as they are, rather than as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        // Money in the API's JSON is Kernel's one form, "1234.50", and the OpenAPI document says so.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(MoneyJsonConverter.Instance));
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Reeve officer API";
                document.Info.Description = "Accounts, ledgers, people, properties, search and the statutory calculators. " +
                    "Sign in at /sign-in and send the cookie; POSTs also need the header X-Reeve-Api: 1.";
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(Money) || context.JsonTypeInfo.Type == typeof(Money?))
                {
                    schema.Type = context.JsonTypeInfo.Type == typeof(Money) ? Microsoft.OpenApi.JsonSchemaType.String
                        : Microsoft.OpenApi.JsonSchemaType.String | Microsoft.OpenApi.JsonSchemaType.Null;
                    schema.Pattern = @"^-?\d+\.\d{2}$";
                    schema.Description = "Pounds and pence, two decimals, no separators";
                    schema.Properties?.Clear();
                }

                return Task.CompletedTask;
            });
        });

        var app = builder.Build();
        app.UseHardening();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500", StatusCodeSelector = RequestLimits.StatusFor });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRequestLimits();
        app.UseSecurityHeaders();
        app.UseRateLimiter();
        app.UseFrontEndFiles(builder.Environment.ContentRootPath);
        app.UseDemoSetupPage(app.Services.GetRequiredService<DemoSetup>());
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCouncilInLinks();
        app.UseAuditEveryView();
        app.UseAntiforgery();
        app.MapRazorPages();
        app.MapReeveApi();
        app.MapReversalApi();
        app.MapPeopleApi();
        app.MapOfficersApi();
        app.MapLetters();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Migrates, starts listening, and returns the address. On an empty database it makes the demo council: before
    /// listening, or with <paramref name="demoInBackground"/> after, while every page shows the holding page.
    /// </summary>
    public static async Task<string> StartAsync(WebApplication app, bool demoInBackground = false, CancellationToken ct = default)
    {
        var db = app.Services.GetRequiredService<ReeveDatabase>();
        var clock = app.Services.GetRequiredService<IClock>();
        var setup = app.Services.GetRequiredService<DemoSetup>();
        var needsDemo = await DatabaseStartup.MigrateAsync(db, Console.Out, ct);
        await Features.Work.WorkSources.BackfillAsync(db, clock, ct);
        if (needsDemo)
        {
            setup.Begin();
        }

        if (needsDemo && !demoInBackground)
        {
            await DatabaseStartup.MakeDemoAsync(db, app.Configuration, clock, Console.Out, setup, ct);
            setup.Finish();
        }

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"Data: {db.Describe()}");
        Console.WriteLine($"Reeve is running at {address}");
        if (needsDemo && demoInBackground)
        {
            Console.WriteLine("The demo council is being made in the background: the pages say how far it has got.");
            MakeDemoInBackground(app, db, clock, setup);
        }

        return address;
    }

    /// <summary>The demo council made while the app already answers, so a new user sees Reeve at once.</summary>
    private static void MakeDemoInBackground(WebApplication app, ReeveDatabase db, IClock clock, DemoSetup setup)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await DatabaseStartup.MakeDemoAsync(db, app.Configuration, clock, Console.Out, setup, stopping);
                setup.Finish();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                setup.Fail("The app was stopped before the demo council was finished.");
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"Making the demo council failed: {e}");
                setup.Fail(e.Message);
            }
        }, CancellationToken.None);
    }

    public static async Task RunAsync(string[] args)
    {
        await using var app = Build(args);
        await StartAsync(app, demoInBackground: true);
        await app.WaitForShutdownAsync();
    }
}
