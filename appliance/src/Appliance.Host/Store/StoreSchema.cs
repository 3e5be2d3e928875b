using Microsoft.Data.Sqlite;

namespace Appliance.Host.Store;

/// <summary>
/// Schema migrations keyed by <c>PRAGMA user_version</c>: migration N takes a store from version N-1 to N in one
/// transaction, so a failed migration leaves the store as it was (and <see cref="StoreDatabase"/> moves it aside).
/// </summary>
internal static class StoreSchema
{
    private static readonly string[] Migrations = [StoreSql.SchemaV1, StoreSql.SchemaV2];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = StoreSql.GetUserVersion;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies every migration above the store's version; throws <see cref="StoreUnavailableException"/> when one fails or the store is newer.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        var version = ReadVersion(connection);
        if (version > CurrentVersion)
        {
            throw new StoreUnavailableException(
                $"schema version {version} is newer than this appliance understands ({CurrentVersion})");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            try
            {
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Migrations[next - 1] + StoreSql.SetUserVersion(next);
                command.ExecuteNonQuery();
                transaction.Commit();
            }
            catch (SqliteException e)
            {
                throw new StoreUnavailableException($"migration to schema version {next} failed: {e.Message}", e);
            }
        }
    }
}
