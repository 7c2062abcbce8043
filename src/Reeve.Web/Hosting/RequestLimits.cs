using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Reeve.Web.Security;

namespace Reeve.Web.Hosting;

/// <summary>
/// What a request may be before any page or endpoint reads it: how long its address, how large its body, and for the
/// API what type. A request past a limit gets the GOV.UK error page (pages) or problem details (the API) with the right
/// status (400, 413, 414, 415), never a bare status or a 500. The field-by-field limits are Kernel's FieldRules.
/// </summary>
public static class RequestLimits
{
    /// <summary>The longest address the app reads: room for a search of the longest allowed text, percent-encoded, many times over.</summary>
    public const int AddressLimit = 16 * 1024;

    /// <summary>Kestrel's own limit on the request line, above <see cref="AddressLimit"/> so the app, not Kestrel, answers most long addresses.</summary>
    public const int RequestLineLimit = 64 * 1024;

    /// <summary>No API call needs more than this: the largest body is an income and expenditure statement.</summary>
    public const long ApiBodyLimit = 1024 * 1024;

    /// <summary>The largest form a page takes (imports go through the command line, not forms).</summary>
    public const long FormBodyLimit = 4 * 1024 * 1024;

    /// <summary>A file upload's body: the largest file the upload pages take, and the form around it.</summary>
    public const long UploadBodyLimit = Features.Uploads.UploadKinds.MaxFileBytes + (1024 * 1024);

    public static void AddRequestLimits(this WebApplicationBuilder builder) => builder.WebHost.ConfigureKestrel(kestrel =>
    {
        kestrel.Limits.MaxRequestLineSize = RequestLineLimit;
        kestrel.Limits.MaxRequestHeadersTotalSize = RequestLineLimit + (32 * 1024);
        kestrel.Limits.MaxRequestBodySize = FormBodyLimit;
    });

    /// <summary>The status an exception stands for: a bad request Kestrel noticed (a body too large, cut short) keeps its own.</summary>
    public static int StatusFor(Exception exception) => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    /// <summary>
    /// After the HTML error pages are set up: the API's own errors as problem details, then the address, size and type checks.
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        app.UseWhen(http => http.Request.IsApi(), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = StatusFor,
                ExceptionHandler = http => WriteProblemAsync(http, http.Response.StatusCode),
            });
            api.UseStatusCodePages(context => WriteProblemAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
        });
        return app.Use(async (http, next) =>
        {
            if (http.Features.Get<IStatusCodeReExecuteFeature>() is null && Refusal(http) is { } status)
            {
                http.Response.StatusCode = status;
                return;
            }

            await next(http);
        });
    }

    private static int? Refusal(HttpContext http)
    {
        var request = http.Request;
        if ((request.Path.Value?.Length ?? 0) + request.QueryString.Value?.Length > AddressLimit)
        {
            return StatusCodes.Status414UriTooLong;
        }

        if (!request.IsApi())
        {
            // The upload pages take files up to their own limit (Features/Uploads), with room for the form around the file.
            var limit = request.Path.StartsWithSegments("/uploads") ? UploadBodyLimit : FormBodyLimit;
            if (limit > FormBodyLimit && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } upload)
            {
                upload.MaxRequestBodySize = limit;
            }

            return request.ContentLength > limit ? StatusCodes.Status413PayloadTooLarge : null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = ApiBodyLimit;
        }

        if (request.ContentLength > ApiBodyLimit)
        {
            return StatusCodes.Status413PayloadTooLarge;
        }

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        return hasBody && !request.HasJsonContentType() ? StatusCodes.Status415UnsupportedMediaType : null;
    }

    private static async Task WriteProblemAsync(HttpContext http, int status)
    {
        var (title, detail) = status switch
        {
            400 => ("The request could not be understood", "Check the body is well-formed JSON and the address is as the API document gives it."),
            404 => ("Not found", "There is no such record for your council, or no such address in the API."),
            405 => ("Method not allowed", "The API document lists the methods each address takes."),
            413 => ("The body is too large", $"The API takes bodies of up to {ApiBodyLimit / 1024:N0} KB."),
            414 => ("The address is too long", $"Addresses are limited to {AddressLimit / 1024:N0} KB; searches to a few words."),
            415 => ("Send the body as JSON", "Set Content-Type: application/json and send one JSON object."),
            _ => ("Sorry, there is a problem with the service", "Try again later. Nothing was changed by a request that failed."),
        };
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
        };
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(problem, Security.JsonOptions.Problem));
    }
}
