using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace Reeve.Web.Security;

/// <summary>
/// What the app does about the network it runs on (issue 19): no <c>Server</c> header; behind a TLS proxy the client's
/// address and scheme are taken from <c>X-Forwarded-For</c>/<c>-Proto</c>, but only from the proxies configuration names
/// (loopback always), so cookies are <c>Secure</c> and HSTS is sent whenever the browser's request was HTTPS, while the
/// plain-HTTP demo on this machine still works; and per-address rate limits on sign-in and the anonymous calculators,
/// answered with 429 problem details.
/// </summary>
public static class Hardening
{
    /// <summary>The most a calculator request's body may be: a calculator case is a few hundred bytes.</summary>
    public const int CalculatorBodyLimitBytes = 64 * 1024;

    public const string SignInPerMinuteKey = "Reeve:RateLimit:SignInPerMinute";
    public const string CalculatorsPerMinuteKey = "Reeve:RateLimit:CalculatorsPerMinute";
    public const int DefaultSignInPerMinute = 10;
    public const int DefaultCalculatorsPerMinute = 60;

    public static WebApplicationBuilder AddHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var configuration = builder.Configuration;
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            foreach (var proxy in configuration.GetSection("Reeve:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("Reeve:ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
            options.Preload = false;
        });

        var signIn = configuration.GetValue(SignInPerMinuteKey, DefaultSignInPerMinute);
        var calculators = configuration.GetValue(CalculatorsPerMinuteKey, DefaultCalculatorsPerMinute);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/sign-in"))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in " + address, _ => PerMinute(signIn));
                }

                return context.Request.Path.StartsWithSegments("/api/v1/calc")
                    ? RateLimitPartition.GetFixedWindowLimiter("calculators " + address, _ => PerMinute(calculators))
                    : RateLimitPartition.GetNoLimiter("");
            });
            options.OnRejected = (context, ct) => RefuseAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                "This address has sent too many requests in the last minute. Wait a minute and try again.", ct);
        });
        return builder;
    }

    /// <summary>
    /// First in the pipeline: forwarded headers (so everything after sees the client's address and scheme), then HSTS
    /// outside Development. The rate limiter goes after the status code pages, so a refused sign-in gets the error page.
    /// </summary>
    public static WebApplication UseHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>
    /// Reads a request body of at most <paramref name="limitBytes"/>; null when it is longer (answer 413), whatever
    /// Content-Length said.
    /// </summary>
    public static async Task<string?> ReadBodyAsync(HttpRequest request, int limitBytes, CancellationToken ct)
    {
        if (request.ContentLength > limitBytes)
        {
            return null;
        }

        var buffer = new byte[limitBytes + 1];
        var read = 0;
        int got;
        while (read < buffer.Length && (got = await request.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += got;
        }

        return read > limitBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    public static async ValueTask RefuseAsync(HttpContext http, int status, string title, string detail, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        if (!http.Request.IsApi())
        {
            // A page: the friendly error page for the status says it (status code pages re-execute an empty answer).
            return;
        }

        http.Response.ContentType = "application/problem+json";
        var problem = new ProblemDetails
        {
            Status = status, Title = title, Detail = detail,
            Type = status == StatusCodes.Status429TooManyRequests
                ? "https://www.rfc-editor.org/rfc/rfc6585#section-4"
                : "https://www.rfc-editor.org/rfc/rfc9110#name-413-content-too-large",
        };
        await http.Response.WriteAsync(JsonSerializer.Serialize(problem, JsonOptions.Problem), ct);
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}
