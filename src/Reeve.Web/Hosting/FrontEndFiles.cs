using Microsoft.Extensions.FileProviders;

namespace Reeve.Web.Hosting;

/// <summary>
/// Serves GOV.UK Frontend and MOJ Frontend straight from their npm packages. Both frontends' compiled CSS
/// asks for url(/assets/fonts/...) and url(/assets/images/...), so /assets is one view over both packages'
/// asset folders; their CSS and JavaScript are under /govuk and /moj; Reeve's own few files under /reeve.
/// </summary>
internal static class FrontEndFiles
{
    private const string GovukDist = "govuk-frontend/dist/govuk";
    private const string MojDist = "@ministryofjustice/frontend/moj";

    public static IApplicationBuilder UseFrontEndFiles(this IApplicationBuilder app, string contentRoot)
    {
        var nodeModules = FindNodeModules(contentRoot);
        var govuk = new PhysicalFileProvider(Path.Combine(nodeModules, GovukDist));
        var moj = new PhysicalFileProvider(Path.Combine(nodeModules, MojDist));
        var assets = new CompositeFileProvider(
            new PhysicalFileProvider(Path.Combine(nodeModules, GovukDist, "assets")),
            new PhysicalFileProvider(Path.Combine(nodeModules, MojDist, "assets")));

        Serve(app, "/assets", assets);
        Serve(app, "/govuk", govuk);
        Serve(app, "/moj", moj);
        Serve(app, "/reeve", new EmbeddedFileProvider(typeof(FrontEndFiles).Assembly, "Reeve.Web.Assets"));
        return app;
    }

    private static void Serve(IApplicationBuilder app, string path, IFileProvider files) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = path,
            FileProvider = files,
            OnPrepareResponse = context =>
                context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });

    /// <summary>
    /// Finds the folder holding both packages: a copy published beside the app first, otherwise the
    /// project's own node_modules found by walking up from the app's folder and the content root (tests
    /// run from their own bin folder, several levels below the repository root).
    /// </summary>
    public static string FindNodeModules(string contentRoot)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "node_modules");
        if (HasBoth(published))
        {
            return published;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, contentRoot, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[]
                         {
                             Path.Combine(dir.FullName, "node_modules"),
                             Path.Combine(dir.FullName, "src", "Reeve.Web", "node_modules"),
                         })
                {
                    if (HasBoth(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException(
            "GOV.UK Frontend and MOJ Frontend were not found. Build src/Reeve.Web once (it runs `npm ci`), or run `npm ci` in src/Reeve.Web. Looked near "
            + AppContext.BaseDirectory + " and " + contentRoot);
    }

    private static bool HasBoth(string folder) =>
        File.Exists(Path.Combine(folder, GovukDist, "govuk-frontend.min.css"))
        && File.Exists(Path.Combine(folder, MojDist, "moj-frontend.min.css"));
}
