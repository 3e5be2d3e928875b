namespace Appliance.Host.Store;

/// <summary>
/// The node's state directory: the config store (<see cref="StoreFileName"/>) and the pid file of the running
/// process (<see cref="PidFileName"/>). Created with mode 0700 because the store holds the cluster keys.
/// </summary>
internal sealed record StateDirectory
{
    /// <param name="path">The directory; a relative path is made absolute against the current directory.</param>
    public StateDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The default, <c>/var/lib/appliance</c>: the FHS place for state a program keeps across restarts.</summary>
    public const string DefaultPath = "/var/lib/appliance";

    /// <summary>The SQLite database file, <c>store.db</c>.</summary>
    public const string StoreFileName = "store.db";

    /// <summary>The running process's pid file, <c>appliance.pid</c>; removed when the process exits.</summary>
    public const string PidFileName = "appliance.pid";

    /// <summary>The directory's absolute path.</summary>
    public string Path { get; }

    public string StorePath => System.IO.Path.Combine(Path, StoreFileName);

    public string PidFilePath => System.IO.Path.Combine(Path, PidFileName);

    /// <summary>Creates the directory (mode 0700) when it does not exist; an existing one keeps its mode.</summary>
    public void EnsureCreated()
    {
        if (Directory.Exists(Path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
