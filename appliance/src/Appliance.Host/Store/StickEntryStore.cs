using System.Globalization;
using Appliance.Contracts.Replication;
using Microsoft.Data.Sqlite;

namespace Appliance.Host.Store;

/// <summary>
/// The replicated stick tables in the store's <c>stick_entries</c> table, so a restarted node comes back warm. An entry
/// is kept with its absolute expiry (this node's clock): loading gives back the lifetime that remains, and skips the
/// entries that expired while the node was down.
/// </summary>
internal static class StickEntryStore
{
    /// <summary>Replaces the stored entries with <paramref name="entries"/> (one transaction: a reader sees the old set or the new one).</summary>
    /// <param name="store">The node's store.</param>
    /// <param name="entries">Every live entry of every replicated table.</param>
    /// <param name="now">This node's clock now: <c>expires_utc</c> = now + the entry's remaining lifetime.</param>
    /// <returns>How many entries were written.</returns>
    public static int Save(ConfigStore store, IEnumerable<StickEntry> entries, DateTimeOffset now) => store.WriteTransaction((connection, transaction) =>
    {
        using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = StoreSql.DeleteStickEntries;
            clear.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = StoreSql.InsertStickEntry;
        var table = insert.Parameters.Add("$table", SqliteType.Text);
        var type = insert.Parameters.Add("$type", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var server = insert.Parameters.Add("$server", SqliteType.Text);
        var expires = insert.Parameters.Add("$expires", SqliteType.Text);
        insert.Prepare();
        var count = 0;
        foreach (var entry in entries)
        {
            if (entry.ExpiresIn <= TimeSpan.Zero)
            {
                continue;
            }

            table.Value = entry.Table;
            type.Value = entry.Key.Type.ToString();
            key.Value = entry.Key.Value;
            server.Value = entry.Server;
            expires.Value = Format(now + entry.ExpiresIn);
            insert.ExecuteNonQuery();
            count++;
        }

        return count;
    });

    /// <summary>The stored entries that are still alive at <paramref name="now"/>, each with its remaining lifetime.</summary>
    /// <exception cref="StoreUnavailableException">The file is damaged.</exception>
    public static IReadOnlyList<StickEntry> Load(ConfigStore store, DateTimeOffset now) => store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = StoreSql.SelectLiveStickEntries;
        command.Parameters.AddWithValue("$now", Format(now));
        using var reader = command.ExecuteReader();
        var entries = new List<StickEntry>();
        while (reader.Read())
        {
            // A row this build cannot read (a key type from a newer build) is skipped rather than failing the rest.
            if (!Enum.TryParse<StickKeyType>(reader.GetString(1), out var keyType))
            {
                continue;
            }

            var expires = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            entries.Add(new StickEntry(reader.GetString(0), new StickKey(keyType, reader.GetString(2)), reader.GetString(3), expires - now));
        }

        return entries;
    });

    // Fixed-width ISO 8601 with 7 fractional digits: text order is time order, so the WHERE clause compares correctly.
    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
