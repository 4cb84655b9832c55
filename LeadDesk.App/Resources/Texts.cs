namespace LeadDesk.App.Resources;

// Marker types for IStringLocalizer<T>: each names one .resx family (English, Spanish, Portuguese) beside it.

/// <summary>The shell, navigation, and the names of stages, statuses, verbs and reasons.</summary>
public sealed class SharedText;

/// <summary>The lead inbox and the lead page.</summary>
public sealed class LeadText;

/// <summary>Sign-in, lockout, access denied, password change.</summary>
public sealed class AccountText;

/// <summary>User administration.</summary>
public sealed class AdminText;

/// <summary>The manager dashboard.</summary>
public sealed class DashboardText;

/// <summary>Channel spend entry.</summary>
public sealed class SpendText;
