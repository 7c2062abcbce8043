using System.Text.Json;

namespace Reeve.Web.Security;

internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Problem = new(JsonSerializerDefaults.Web);
}
