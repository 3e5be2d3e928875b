using System.Runtime.Versioning;

// The appliance is a Linux product (netlink, raw sockets, unix sockets, POSIX signals).
[assembly: SupportedOSPlatform("linux")]
