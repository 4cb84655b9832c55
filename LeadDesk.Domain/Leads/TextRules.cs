namespace LeadDesk.Domain.Leads;

/// <summary>Rules every stored text obeys, whatever the engine.</summary>
public static class TextRules
{
    /// <summary>
    /// True when <paramref name="text"/> holds a control character other than tab and line breaks. PostgreSQL refuses
    /// NUL in text outright, and no name, company or detail has a reason to carry the others; refusing them on both
    /// engines keeps what one accepts the same as the other.
    /// </summary>
    public static bool HasControlCharacter(string? text)
    {
        if (text is null) return false;
        foreach (var c in text)
            if (c is < ' ' and not ('\t' or '\n' or '\r') or '\u007f') return true;
        return false;
    }
}
