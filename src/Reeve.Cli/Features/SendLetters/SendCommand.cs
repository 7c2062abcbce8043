using System.CommandLine;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.SendLetters;

/// <summary>
/// `reeve letters send --type reminder --date 2027-05-12 --channel email`: sends the queued letters of a type
/// and date through GOV.UK Notify to everyone who has agreed to that channel; the rest stay queued for the
/// print run, which no longer prints those sent. Notify is configured by environment: REEVE_NOTIFY_API_KEY,
/// REEVE_NOTIFY_TEMPLATES ("reminder.email=template-id,reminder.sms=template-id") and optionally
/// REEVE_NOTIFY_BASE_URL. Running it again sends nothing twice.
/// </summary>
internal static class SendCommand
{
    private const string Officer = "reeve letters send";

    public static Command Create(CliHost host)
    {
        var type = new Option<string>("--type") { Description = "The letter type: " + string.Join(", ", LetterTypes.All.Select(t => t.Code())), HelpName = "letter-type", Required = true };
        var date = CliOptions.Date("--date", "The issue date of the queued letters to send");
        var channel = new Option<string>("--channel") { Description = "email or sms", HelpName = "channel", Required = true };
        var council = RenderLetters.LettersCommand.Council();
        var send = new Command("send", "Send queued letters of a type and date by email or text message through GOV.UK Notify, to those who agreed to it") { type, date, channel, council };
        send.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            return await RunAsync(host, db, parsed.GetValue(type)!, parsed.GetValue(date), parsed.GetValue(channel)!,
                parsed.GetResult(council) is { Implicit: false } ? parsed.GetValue(council) : null, ct);
        });
        return send;
    }

    private static async Task<int> RunAsync(CliHost host, ReeveDatabase db, string code, LocalDate? date, string channelCode, int? councilGiven, CancellationToken ct)
    {
        if (!LetterTypes.All.Any(t => t.Code() == code))
        {
            return await RefuseAsync(host, $"--type: '{code}' is not a letter type; the types are {string.Join(", ", LetterTypes.All.Select(t => t.Code()))}");
        }

        if (channelCode is not ("email" or "sms"))
        {
            return await RefuseAsync(host, $"--channel: '{channelCode}' is not email or sms");
        }

        if (date is not { } on)
        {
            return await RefuseAsync(host, "--date: give the issue date of the queued letters to send, such as 2027-05-12");
        }

        var apiKey = host.Environment("REEVE_NOTIFY_API_KEY");
        if (string.IsNullOrEmpty(apiKey))
        {
            return await RefuseAsync(host, "REEVE_NOTIFY_API_KEY is not set: give the GOV.UK Notify API key to send with");
        }

        NotifyApiKey key;
        try
        {
            key = NotifyApiKey.Parse(apiKey);
        }
        catch (ArgumentException e)
        {
            return await RefuseAsync(host, $"REEVE_NOTIFY_API_KEY: {e.Message}");
        }

        var templates = (host.Environment("REEVE_NOTIFY_TEMPLATES") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        var type = LetterTypes.FromCode(code);
        var channel = LetterTypes.ChannelFromCode(channelCode);
        if (!templates.ContainsKey($"{code}.{channelCode}"))
        {
            return await RefuseAsync(host, $"REEVE_NOTIFY_TEMPLATES has no template id for {code}.{channelCode}");
        }

        var (council, problem) = await RenderLetters.LettersCommand.ChooseCouncilAsync(db, councilGiven,
            c => LetterTypeCouncils.HoldingAsync(c, type), $"queued {code} letters", ct);
        if (problem is not null || council is null)
        {
            return await RefuseAsync(host, problem ?? $"--type: no {code} letters are queued in {db.Describe()}");
        }

        using var http = new HttpClient
        {
            BaseAddress = new Uri(host.Environment("REEVE_NOTIFY_BASE_URL") ?? "https://api.notifications.service.gov.uk/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var dispatch = new NotifyDispatch(new NotifyClient(http, key, host.Clock), new NotifyTemplates(templates), host.Clock, NotifyDispatch.RetryPolicy.Default);
        await using var connection = await db.OpenAsync(ct);
        var requests = await LetterRequests.ForDateAsync(connection, council.Value, type, on);
        int sent = 0, noConsent = 0, refused = 0, waiting = 0;
        foreach (var request in requests)
        {
            switch (await dispatch.SendAsync(connection, council.Value, request.RequestId, channel, Officer, ct))
            {
                case Outcome<NotifyMessage>.Done { Value.NotifyId: not null }:
                    sent++;
                    break;
                case Outcome<NotifyMessage>.Done { Value.Status: "refused" } done:
                    refused++;
                    await host.Stderr.WriteLineAsync($"reeve letters send: request {request.RequestId}: Notify refused it: {done.Value.LastError}");
                    break;
                case Outcome<NotifyMessage>.Done:
                    waiting++;
                    break;
                case Outcome<NotifyMessage>.Invalid { Field: "consent" }:
                    noConsent++;
                    break;
                case Outcome<NotifyMessage>.Conflict:
                    break; // answered on paper already
                case var other:
                    await host.Stderr.WriteLineAsync($"reeve letters send: request {request.RequestId}: {other}");
                    break;
            }
        }

        host.Out.MarkupLine(Markup.Escape(
            $"{NoticeStore.Describe(type)}s issued {DateText.LongForm.Format(on)} by {channelCode}: {sent} sent (or sent before), {noConsent} without consent (left for print), " +
            $"{waiting} still retrying, {refused} refused by Notify."));
        return ReeveCli.Ok;
    }

    private static async Task<int> RefuseAsync(CliHost host, string message)
    {
        await host.Stderr.WriteLineAsync($"reeve letters send: {message}");
        return ReeveCli.Refused;
    }
}
