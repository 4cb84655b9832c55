using LeadDesk.App.Components.Shared;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Insights;
using LeadDesk.Domain.Leads;
using LeadDesk.Domain.Scoring;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadDesk.App.Components.Pages.Scoring;

/// <summary>The scoring model editor: the draft, its validation and preview, saving a version with its rescore progress, restoring versions, and drafts adopted from conversion insights.</summary>
public partial class ScoringPage
{
    /// <summary>How often the page asks how far a rescore run has come while it runs.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>A training run whose suggested rules open as the draft (the insights page's Adopt).</summary>
    [SupplyParameterFromQuery(Name = "fromInsights")] public int? FromInsights { get; set; }

    private Caller? _caller;
    private bool _canEdit;
    private bool _loading = true;
    private string? _loadError;
    private string? _actionError;
    private IReadOnlyList<ModelVersionRow> _versions = [];
    private ScoringModel? _active;
    private ScoringDraft _draft = new();
    private bool _dirty;
    // An older version shown read-only; the draft being edited waits untouched meanwhile.
    private ScoringModel? _viewing;
    private ScoringDraft? _viewDraft;
    private IReadOnlyList<ModelProblem> _problems = [];
    private bool _showProblems;
    private ModelPreview? _preview;
    private string? _previewError;
    private bool _previewing;
    private CancellationTokenSource? _previewCancel;
    private bool _saving;
    private RescoreRun? _run;
    // The suggestion the draft was loaded from, until it is saved or discarded.
    private RuleDraft? _suggestion;
    private ITimer? _poll;
    private bool _disposed;

    private bool Editing => _canEdit && _viewing is null;
    private bool ReadOnly => !Editing;
    private bool Busy => _saving || _previewing;
    private ScoringDraft Shown => _viewDraft ?? _draft;
    // Problems belong to the draft being edited; a saved version was valid when it was saved.
    private IReadOnlyList<ModelProblem> ShownProblems => _showProblems && Editing ? _problems : [];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        _loadError = null;
        try
        {
            _caller ??= await Callers.GetAsync();
            _canEdit = _caller.IsIn(Roles.Marketing);
            await ReloadModelAsync();
            if (FromInsights is { } runId && _active is not null) await LoadSuggestionAsync(runId);
        }
        catch (DomainException error)
        {
            _loadError = ErrorText.For(error, S);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not load the scoring model");
            _loadError = L["Scoring.LoadFailed"];
        }
        finally
        {
            _loading = false;
        }
    }

    /// <summary>Versions, the active model as a fresh draft, and the latest rescore run (followed while it runs).</summary>
    private async Task ReloadModelAsync()
    {
        _versions = await Editor.GetVersionsAsync(_caller!);
        _active = _versions.FirstOrDefault(v => v.Active) is { } active ? await Editor.GetVersionAsync(_caller!, active.Version) : null;
        _draft = _active is null ? new ScoringDraft() : ScoringDraft.From(_active.Definition);
        _dirty = false;
        _showProblems = false;
        _problems = [];
        _viewing = null;
        _viewDraft = null;
        _run = await Editor.GetLatestRunAsync(_caller!);
        FollowRun();
    }

    /// <summary>
    /// Opens the rules a training run suggests as an unsaved draft over the active model: previewed and saved like any
    /// edit (a manager previews it read-only). A run that is gone leaves the active model and says why.
    /// </summary>
    private async Task LoadSuggestionAsync(int runId)
    {
        try
        {
            var suggestion = await Insights.DraftFromSuggestionAsync(_caller!, runId);
            _suggestion = suggestion;
            _draft = ScoringDraft.From(suggestion.Definition);
            _dirty = !_draft.SameAs(_active!.Definition);
            _problems = ScoringModelValidator.Validate(_draft.ToDefinition());
        }
        catch (DomainException error)
        {
            _actionError = ErrorText.For(error, S);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not load the rules suggested by training run {Run}", runId);
            _actionError = L["Insights.DraftFailed", runId];
        }
    }

    private void DraftChanged()
    {
        if (!Editing || _active is null) return;
        _dirty = !_draft.SameAs(_active.Definition);
        _problems = ScoringModelValidator.Validate(_draft.ToDefinition());
        // A preview of what the draft said before would now mislead.
        _preview = null;
        _previewError = null;
    }

    private void Discard()
    {
        if (_active is null) return;
        _draft = ScoringDraft.From(_active.Definition);
        _dirty = false;
        _showProblems = false;
        _problems = [];
        _preview = null;
        ForgetSuggestion();
    }

    /// <summary>The draft no longer holds the suggestion: the address stops asking for it, so a reload shows the active model.</summary>
    private void ForgetSuggestion()
    {
        if (_suggestion is null) return;
        _suggestion = null;
        Navigation.NavigateTo("/scoring", replace: true);
    }

    /// <summary>Checks the draft here first so every problem shows at once beside its rule; the domain checks again.</summary>
    private bool CheckDraft()
    {
        if (!Editing) return true;
        _problems = ScoringModelValidator.Validate(_draft.ToDefinition());
        _showProblems = true;
        return _problems.Count == 0;
    }

    private async Task PreviewAsync()
    {
        if (_caller is null || !CheckDraft()) return;
        _previewCancel = new CancellationTokenSource();
        _previewing = true;
        _preview = null;
        _previewError = null;
        _actionError = null;
        try
        {
            _preview = await Editor.PreviewAsync(_caller, Shown.ToDefinition(), _previewCancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Cancelled by the user (or the page closing): no preview, nothing to say.
        }
        catch (InvalidModelException invalid)
        {
            ShowRefusal(invalid);
        }
        catch (DomainException error)
        {
            _previewError = ErrorText.For(error, S);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not preview a scoring model");
            _previewError = L["Preview.Failed"];
        }
        finally
        {
            _previewing = false;
            _previewCancel.Dispose();
            _previewCancel = null;
        }
    }

    private void CancelPreview() => _previewCancel?.Cancel();

    private async Task SaveAsync()
    {
        if (_caller is null || !Editing || !CheckDraft()) return;
        var nextVersion = (_versions.Count == 0 ? 0 : _versions.Max(v => v.Version)) + 1;
        var note = await Dialogs.AskForNoteAsync(L["Save.Title", nextVersion], L["Save.Message"], L["Save.Confirm"], note: _suggestion?.Note);
        if (note is null) return;
        await ChangeModelAsync(async () =>
        {
            var saved = await Editor.SaveAsync(_caller, _draft.ToDefinition(), note);
            Snackbar.Add(L["Save.Done", saved.Version], Severity.Success);
        });
    }

    private async Task RestoreAsync(int version)
    {
        if (_caller is null || !_canEdit) return;
        var nextVersion = (_versions.Count == 0 ? 0 : _versions.Max(v => v.Version)) + 1;
        var note = await Dialogs.AskForNoteAsync(L["Restore.Title", version], L["Restore.Message", version, nextVersion], L["Restore.Confirm"],
            _dirty ? L["Restore.LosesDraft"].Value : null);
        if (note is null) return;
        await ChangeModelAsync(async () =>
        {
            var restored = await Editor.RestoreAsync(_caller, version, string.IsNullOrWhiteSpace(note) ? L["Restore.DefaultNote", version] : note);
            Snackbar.Add(L["Restore.Done", version, restored.Version], Severity.Success);
        });
    }

    /// <summary>Saves or restores, then shows the new active version and follows the rescoring it started.</summary>
    private async Task ChangeModelAsync(Func<Task> change)
    {
        _saving = true;
        _actionError = null;
        try
        {
            await change();
            _preview = null;
            ForgetSuggestion();
            await ReloadModelAsync();
        }
        catch (InvalidModelException invalid)
        {
            ShowRefusal(invalid);
        }
        catch (DomainException error)
        {
            _actionError = ErrorText.For(error, S);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not change the scoring model");
            _actionError = L["Save.Failed"];
        }
        finally
        {
            _saving = false;
        }
    }

    private void ShowRefusal(InvalidModelException invalid)
    {
        _problems = invalid.Problems;
        _showProblems = true;
    }

    private async Task ViewAsync(int version)
    {
        if (_caller is null) return;
        if (_active?.Version == version)
        {
            BackToActive();
            return;
        }
        try
        {
            var model = await Editor.GetVersionAsync(_caller, version);
            _viewing = model;
            _viewDraft = ScoringDraft.From(model.Definition);
            _preview = null;
            _previewError = null;
            _actionError = null;
        }
        catch (DomainException error)
        {
            _actionError = ErrorText.For(error, S);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not load scoring model version {Version}", version);
            _actionError = L["Versions.LoadFailed", version];
        }
    }

    private void BackToActive()
    {
        _viewing = null;
        _viewDraft = null;
        _preview = null;
        _previewError = null;
    }

    /// <summary>Asks for the latest run every <see cref="PollInterval"/> while it is unfinished; stops once it is.</summary>
    private void FollowRun()
    {
        if (_run is null || _run.IsFinished || _poll is not null || _disposed) return;
        _poll = Clock.CreateTimer(_ => _ = InvokeAsync(PollRunAsync), null, PollInterval, PollInterval);
    }

    private async Task PollRunAsync()
    {
        if (_disposed || _caller is null) return;
        try
        {
            var run = await Editor.GetLatestRunAsync(_caller);
            var wasRunning = _run is { IsFinished: false };
            _run = run;
            if (run is null || run.IsFinished)
            {
                StopPolling();
                if (wasRunning && run is { Status: RescoreStatus.Completed })
                    Snackbar.Add(L["Run.DoneToast", run.ModelVersion, run.PromotedLeads], Severity.Success);
            }
        }
        catch (Exception exception)
        {
            // The next tick tries again; a passing database hiccup should not stop the progress bar for good.
            Logger.LogWarning(exception, "Could not read the rescore run's progress");
        }
        StateHasChanged();
    }

    private void StopPolling()
    {
        _poll?.Dispose();
        _poll = null;
    }

    public void Dispose()
    {
        _disposed = true;
        StopPolling();
        _previewCancel?.Cancel();
    }
}
