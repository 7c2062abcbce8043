using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Persistence;

/// <summary>
/// Hands out blocks of ids per council and kind of record. Ids are made by Reeve rather than by the
/// database so that bulk paths (binary COPY) can write complete rows, and so that keys stay
/// (council, id) on any number of machines.
/// </summary>
public static class IdAllocator
{
    /// <summary>Reserves <paramref name="count"/> consecutive ids and returns the first.</summary>
    public static async Task<long> ReserveAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string kind, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        await connection.ExecuteAsync(
            "insert into id_block (council_id, kind, next_id) values (@council, @kind, 1) on conflict (council_id, kind) do nothing",
            new { council = council.Value, kind },
            tx);
        var next = await connection.ExecuteScalarAsync<long>(
            "update id_block set next_id = next_id + @count where council_id = @council and kind = @kind returning next_id",
            new { council = council.Value, kind, count },
            tx);
        return next - count;
    }
}
