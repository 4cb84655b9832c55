namespace LeadDesk.App.Resources;

/// <summary>The handoff queue: what sales accepts or rejects, and what managers reassign.</summary>
public sealed class HandoffText;
