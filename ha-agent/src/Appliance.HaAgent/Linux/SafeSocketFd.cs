using Microsoft.Win32.SafeHandles;

namespace Appliance.HaAgent.Linux;

/// <summary>Owns a raw file descriptor from <see cref="LibC.Socket"/> that no <see cref="System.Net.Sockets.Socket"/> wraps.</summary>
internal sealed class SafeSocketFd : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeSocketFd(int fd)
        : base(ownsHandle: true)
    {
        SetHandle(fd);
    }

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
