using System.Runtime.Versioning;

// Tests of the Linux-only host.
[assembly: SupportedOSPlatform("linux")]
