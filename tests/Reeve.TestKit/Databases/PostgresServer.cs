using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Reeve.TestKit;

/// <summary>
/// A throwaway PostgreSQL server started from the installed binaries (there is no Docker here): initdb into
/// a folder under /tmp, trust authentication, listening only on 127.0.0.1 on a free port. One server serves
/// the whole test run; <see cref="PostgresEngine"/> gives each test its own schema, and a test class that needs
/// a whole database makes one with <see cref="CreateDatabaseAsync"/>. As root (a developer machine or CI) initdb and
/// postgres refuse to run, so they run as the <c>postgres</c> OS user through runuser.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    // xunit 2 has no assembly fixture; the watchdog stops this one when the test process ends.
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartAsync);
    private static int _databaseCounter;

    private readonly string _binFolder;
    private readonly string _root;
    private readonly string _dataFolder;
    private readonly bool _asPostgresUser;
    private int _stopped;

    private PostgresServer(string binFolder, string root, bool asPostgresUser, int port)
    {
        _binFolder = binFolder;
        _root = root;
        _dataFolder = Path.Combine(root, "data");
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The one server for this test run, started on first use and stopped when the run ends.</summary>
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        // Test schemas and databases come and go all run long; short-lived pools keep idle connections few.
        ConnectionIdleLifetime = 10,
        Timeout = 15,
    }.ToString();

    /// <summary>Creates an empty database with a name no other test uses and returns that name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"reeve_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}");
        await ExecuteAsync(ConnectionString("postgres"), $"create database {name}");
        return name;
    }

    public async Task DropDatabaseAsync(string name) =>
        await ExecuteAsync(ConnectionString("postgres"), $"drop database if exists {name} with (force)");

    /// <summary>Runs one statement on its own unpooled connection, for setting up and tearing down.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinFolder();
        var asPostgresUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("reeve-pg-").FullName;
        try
        {
            if (asPostgresUser)
            {
                // The postgres user must own the folder it writes to; /tmp itself is world-writable.
                await RunAsync("chown", ["-R", "postgres:postgres", root], asPostgresUser: false);
            }

            var data = Path.Combine(root, "data");
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                asPostgresUser);

            // A port taken between choosing and binding makes pg_ctl fail; another free port usually works.
            for (var attempt = 1; ; attempt++)
            {
                var server = new PostgresServer(bin, root, asPostgresUser, FreeLoopbackPort());
                try
                {
                    await server.StartProcessAsync();
                    server.StartWatchdog();
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }
        }
        catch
        {
            TryDeleteFolder(root);
            throw;
        }
    }

    private async Task StartProcessAsync()
    {
        // Durability is worthless for a throwaway server; turning it off makes each test database cheap.
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            $"-c port={Port.ToString(CultureInfo.InvariantCulture)}",
            $"-c unix_socket_directories={_dataFolder}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200",
            "-c shared_buffers=32MB");
        var log = Path.Combine(_root, "server.log");
        try
        {
            await RunAsync(Path.Combine(_binFolder, "pg_ctl"),
                ["-D", _dataFolder, "-l", log, "-o", options, "-w", "-t", "60", "start"],
                _asPostgresUser);
        }
        catch (InvalidOperationException ex) when (File.Exists(log))
        {
            throw new InvalidOperationException(ex.Message + Environment.NewLine + await File.ReadAllTextAsync(log), ex);
        }
    }

    // The test platform kills the test host when a run ends, often before ProcessExit handlers finish, and a
    // crashed host runs none. A detached watchdog stops the server and deletes its folder once this process
    // has gone, however it went.
    private void StartWatchdog()
    {
        var stop = string.Join(' ', StopCommand().Select(a => "'" + a + "'"));
        var script = string.Join("; ",
            "exec </dev/null >/dev/null 2>&1",
            $"while kill -0 {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}; do sleep 0.2; done",
            stop,
            $"rm -rf '{_root}'");
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in (string[])["-f", "bash", "-c", script])
        {
            start.ArgumentList.Add(a);
        }

        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog");
        watchdog.WaitForExit();
    }

    private IReadOnlyList<string> StopCommand()
    {
        string[] pgCtl = [Path.Combine(_binFolder, "pg_ctl"), "-D", _dataFolder, "-m", "immediate", "-w", "stop"];
        return _asPostgresUser ? ["runuser", "-u", "postgres", "--", .. pgCtl] : pgCtl;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            var stop = StopCommand();
            await RunAsync(stop[0], stop.Skip(1).ToList(), asPostgresUser: false);
        }
        finally
        {
            TryDeleteFolder(_root);
        }
    }

    private static string FindBinFolder()
    {
        if (Environment.GetEnvironmentVariable("REEVE_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        const string installed = "/usr/lib/postgresql";
        var candidates = Directory.Exists(installed)
            ? Directory.GetDirectories(installed)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(c => File.Exists(Path.Combine(c.Bin, "initdb")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Bin)
                .ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries under {installed}/*/bin: install the postgresql package (.ci/run does) or set REEVE_PG_BIN.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgresUser ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user may not be able to read the current folder; /tmp it can.
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgresUser)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
        // pg_ctl start leaves the server holding inherited output pipes, so read to the exit, not to the end.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var errors = stderr.IsCompleted ? await stderr : "";
            var output = stdout.IsCompleted ? await stdout : "";
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors}{output}");
        }
    }

    // The last server processes may still be removing their files just after pg_ctl returns.
    private static void TryDeleteFolder(string folder)
    {
        for (var attempt = 1; attempt <= 20 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
