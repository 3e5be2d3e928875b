namespace Appliance.HaAgent.Tests.Sync.Interop;

/// <summary>A fact that needs Node.js and npm on the PATH (.ci/run installs them on a machine without).</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (GrpcJsClient.FindOnPath("node") is null || GrpcJsClient.FindOnPath("npm") is null)
        {
            Skip = "node and npm are not on the PATH (Debian: apt-get install nodejs npm)";
        }
    }
}
