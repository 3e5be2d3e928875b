namespace Appliance.Image.Tests;

/// <summary>
/// A fact that builds or boots the disk image: skipped, with the reason, when not root (the root file system keeps
/// its owners) or when a program it needs is missing (.ci/run installs them).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ImageFactAttribute : FactAttribute
{
    public ImageFactAttribute(params string[] programs)
    {
        var missing = programs.Where(p => !Shell.Exists(p)).ToList();
        if (Environment.UserName != "root")
        {
            Skip = "image test skipped: image/build needs root";
        }
        else if (missing.Count > 0)
        {
            Skip = $"image test skipped: {string.Join(", ", missing)} not installed (.ci/run installs it)";
        }
    }
}
