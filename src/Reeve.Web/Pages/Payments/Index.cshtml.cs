using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reeve.Web.Pages.Payments;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
