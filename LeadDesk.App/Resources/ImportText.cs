namespace LeadDesk.App.Resources;

/// <summary>CSV import: upload, mapping, preview, progress, results and the error report.</summary>
public sealed class ImportText;
