namespace Appliance.Host.Store;

/// <summary>What a line of an edit script does.</summary>
internal enum DiffKind
{
    /// <summary>In both texts.</summary>
    Equal,

    /// <summary>Only in the old text.</summary>
    Delete,

    /// <summary>Only in the new text.</summary>
    Insert,
}
