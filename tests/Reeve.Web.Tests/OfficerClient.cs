using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Reeve.Web.Tests;

/// <summary>An HttpClient with its own cookies, that signs in through the real form and posts forms with their anti-forgery token.</summary>
public sealed partial class OfficerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly CookieContainer _cookies = new();
    private readonly Uri _baseAddress;

    public OfficerClient(Uri baseAddress)
    {
        _baseAddress = baseAddress;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
        };
    }

    /// <summary>The value of one of this client's cookies, as a copier would take it.</summary>
    public string? Cookie(string name) => _cookies.GetCookies(_baseAddress)[name]?.Value;

    /// <summary>Sets a cookie, as a replayer would (a cookie copied from another browser).</summary>
    public void SetCookie(string name, string value) => _cookies.Add(_baseAddress, new System.Net.Cookie(name, value));

    public static async Task<OfficerClient> SignedInAsync(ReeveAppFixture app, string username)
    {
        var client = new OfficerClient(app.BaseAddress);
        var response = await client.SignInAsync(username, ReeveAppFixture.Password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{username} should be able to sign in");
        return client;
    }

    public Task<HttpResponseMessage> SignInAsync(string username, string password) =>
        PostFormAsync("/sign-in", new() { ["username"] = username, ["password"] = password });

    /// <summary>
    /// A GET as a browser makes it: the redirect that adds the council to a record page's address (officers of
    /// several councils, as the demo officers are) is followed; every other redirect is returned to the test.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString() is { } to
            && to.StartsWith(path, StringComparison.Ordinal) && to.Contains("council=", StringComparison.Ordinal))
        {
            response.Dispose();
            return await _http.GetAsync(to);
        }

        return response;
    }

    /// <summary>A GET with no redirect followed.</summary>
    public Task<HttpResponseMessage> GetRawAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public async Task<string> GetPageAsync(string path)
    {
        var response = await GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}");
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await _http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Posts a form the way a browser would: with the token from the page the form is on.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null, bool withToken = true)
    {
        if (withToken)
        {
            using var form = await GetAsync(formPage ?? path);
            form.EnsureSuccessStatusCode();
            var page = await form.Content.ReadAsStringAsync();
            fields["__RequestVerificationToken"] = Token(page);
        }

        return await _http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a file as a browser's file upload form does (multipart), with the token from the page the form is on.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string path, string formPage, string fileName, byte[] content, Dictionary<string, string>? fields = null)
    {
        using var form = await GetAsync(formPage);
        form.EnsureSuccessStatusCode();
        using var body = new MultipartFormDataContent
        {
            { new StringContent(Token(await form.Content.ReadAsStringAsync())), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        foreach (var (name, value) in fields ?? [])
        {
            body.Add(new StringContent(value), name);
        }

        return await _http.PostAsync(path, body);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, bool withApiHeader = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (withApiHeader)
        {
            request.Headers.Add("X-Reeve-Api", "1");
        }

        return _http.SendAsync(request);
    }

    public static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        match.Success.ShouldBeTrue("the page should carry an anti-forgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _http.Dispose();
}
