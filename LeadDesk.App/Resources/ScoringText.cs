namespace LeadDesk.App.Resources;

/// <summary>The scoring model editor: rules, MQL definition, preview, versions and rescoring progress.</summary>
public sealed class ScoringText;
