// Small browser helpers the Blazor components call.
window.leadDesk = {
    // Remembers light or dark mode so the next page load paints in it from the server.
    setThemeCookie: function (value) {
        document.cookie = "LeadDesk.Theme=" + value + "; path=/; max-age=31536000; samesite=lax";
    }
};
