using Reeve.Web;

await ReeveWebApp.RunAsync(args);
