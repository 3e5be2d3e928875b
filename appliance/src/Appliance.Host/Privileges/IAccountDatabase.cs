namespace Appliance.Host.Privileges;

/// <summary>The system's user and group databases (getpwnam(3) and friends; a fake in tests).</summary>
internal interface IAccountDatabase
{
    /// <summary>The user called <paramref name="name"/>: its uid and primary gid; null when there is none.</summary>
    (uint Uid, uint Gid)? FindUser(string name);

    /// <summary>The user with <paramref name="uid"/>: its name and primary gid; null when there is none.</summary>
    (string Name, uint Gid)? FindUser(uint uid);

    /// <summary>The gid of the group called <paramref name="name"/>; null when there is none.</summary>
    uint? FindGroup(string name);

    /// <summary>The name of the group with <paramref name="gid"/>; null when there is none.</summary>
    string? FindGroup(uint gid);
}
