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

        // One round trip: the first reservation creates the row, later ones move it on.
        var next = await connection.ExecuteScalarAsync<long>(
            "insert into id_block (council_id, kind, next_id) values (@council, @kind, 1 + @count) " +
            "on conflict (council_id, kind) do update set next_id = id_block.next_id + @count returning next_id",
            new { council = council.Value, kind, count },
            tx);
        return next - count;
    }
}
