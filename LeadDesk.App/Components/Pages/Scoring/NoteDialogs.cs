using MudBlazor;

namespace LeadDesk.App.Components.Pages.Scoring;

/// <summary>Opens <see cref="NoteDialog"/> (with <c>note</c> already typed, when given): the note ("" for none), or null when the user cancelled.</summary>
public static class NoteDialogs
{
    public static async Task<string?> AskForNoteAsync(this IDialogService dialogs, string title, string message, string confirmText,
        string? warning = null, string? note = null)
    {
        var parameters = new DialogParameters<NoteDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.Warning, warning },
            { d => d.ConfirmText, confirmText },
            { d => d.Note, note },
        };
        var dialog = await dialogs.ShowAsync<NoteDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string typed } ? typed : null;
    }
}
