using Appliance.Host.Privileges;

namespace Appliance.Host.Tests.Privileges;

/// <summary>nobody (65534, primary nogroup 65534), haproxy (108/115) and a user literally named "1000" (uid 2000).</summary>
internal sealed class FakeAccountDatabase : IAccountDatabase
{
    private static readonly (string Name, uint Uid, uint Gid)[] Users = [("nobody", 65534, 65534), ("haproxy", 108, 115), ("1000", 2000, 2000)];
    private static readonly (string Name, uint Gid)[] Groups = [("nogroup", 65534), ("haproxy", 115), ("staff", 50)];

    public (uint Uid, uint Gid)? FindUser(string name) =>
        Users.Where(u => u.Name == name).Select(u => ((uint, uint)?)(u.Uid, u.Gid)).FirstOrDefault();

    public (string Name, uint Gid)? FindUser(uint uid) =>
        Users.Where(u => u.Uid == uid).Select(u => ((string, uint)?)(u.Name, u.Gid)).FirstOrDefault();

    public uint? FindGroup(string name) => Groups.Where(g => g.Name == name).Select(g => (uint?)g.Gid).FirstOrDefault();

    public string? FindGroup(uint gid) => Groups.Where(g => g.Gid == gid).Select(g => g.Name).FirstOrDefault();
}
