using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages;

[AllowAnonymous]
public sealed class IndexModel : PortalPage
{
    public IActionResult OnGet() => User.IsResident() ? Redirect("/portal/accounts") : Page();
}
