namespace Reeve.Web.Hosting;

/// <summary>
/// Headers every response carries. The Content-Security-Policy allows scripts, styles, fonts and images
/// from Reeve itself only, which is why the page has no inline script and no third-party assets.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!context.Request.Path.StartsWithSegments("/assets") && !context.Request.Path.StartsWithSegments("/govuk")
                    && !context.Request.Path.StartsWithSegments("/moj") && !context.Request.Path.StartsWithSegments("/reeve"))
                {
                    // Pages and API answers hold personal data: no shared or browser cache keeps them.
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next();
        });
}
