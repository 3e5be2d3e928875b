namespace Appliance.Host.Store;

/// <summary>One line of an edit script.</summary>
/// <param name="Kind">Kept, deleted or inserted.</param>
/// <param name="Text">The line with its terminator ("\n"); the last line of a text may have none.</param>
/// <param name="OldLine">The 1-based line number in the old text; 0 for an insertion.</param>
/// <param name="NewLine">The 1-based line number in the new text; 0 for a deletion.</param>
internal readonly record struct DiffLine(DiffKind Kind, string Text, int OldLine, int NewLine);
