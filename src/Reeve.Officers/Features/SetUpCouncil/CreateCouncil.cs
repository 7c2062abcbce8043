using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>
/// A System Administrator adds a billing authority to the installation: a short code (unique) and its name. The
/// administrator is given the new council so they can switch to it and finish setting it up; the other modules' set-up
/// (letterhead, bank accounts, Bacs service user number, court, recovery profile, charges) is each theirs.
/// </summary>
public static class CreateCouncil
{
    public const string AuditAction = "council-create";
    public const int MaxName = 100;
    public const int MaxCode = 20;

    public static async Task<Outcome<Council>> HandleAsync(DbConnection connection, DbTransaction tx, AdminActor actor, string? code, string? name, Instant now)
    {
        if (actor.Role != Role.SystemAdministrator)
        {
            return new Outcome<Council>.Conflict("Only a System Administrator may create a council");
        }

        var n = (name ?? "").Trim();
        var c = (code ?? "").Trim().ToUpperInvariant();
        if (n.Length == 0)
        {
            return new Outcome<Council>.Invalid("name", "Enter the council's name");
        }

        if (n.Length > MaxName)
        {
            return new Outcome<Council>.Invalid("name", $"The council's name must be {MaxName} characters or fewer");
        }

        if (c.Length == 0 || c.Length > MaxCode || !c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
        {
            return new Outcome<Council>.Invalid("code", $"Enter a short code of up to {MaxCode} letters, numbers and hyphens, like E07000123");
        }

        var all = await CouncilStore.AllAsync(connection, tx);
        if (all.Any(x => string.Equals(x.Code, c, StringComparison.OrdinalIgnoreCase)))
        {
            return new Outcome<Council>.Invalid("code", $"There is already a council with the code {c}");
        }

        var council = new Council(new CouncilId(all.Count == 0 ? 1 : all.Max(x => x.Id.Value) + 1), c, n);
        await CouncilStore.AddAsync(connection, tx, council, now);
        var officer = await OfficerStore.GetAsync(connection, actor.Username, tx);
        if (officer is not null)
        {
            await connection.ExecuteAsync(
                "insert into officer_council (officer_id, council_id) values (@id, @council)", new { id = officer.OfficerId, council = council.Id.Value }, tx);
        }

        await AuditTrail.RecordAsync(connection, tx, council.Id, actor.Username, AuditAction, "council", c,
            $"Created {n} ({c}); {actor.Username} may work on it to set it up", actor.RemoteAddress, now);
        return council;
    }
}
