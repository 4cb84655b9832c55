namespace LeadDesk.App.Resources;

/// <summary>The BANT qualification form, the saved BANT answers and the action panel on the lead page.</summary>
public sealed class QualifyText;
