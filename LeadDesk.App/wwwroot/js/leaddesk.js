// Small browser helpers the Blazor components call.
window.leadDesk = {
    // Remembers light or dark mode so the next page load paints in it from the server.
    setThemeCookie: function (value) {
        document.cookie = "LeadDesk.Theme=" + value + "; path=/; max-age=31536000; samesite=lax";
    },
    // Saves bytes streamed from the server (a CSV export) as a file.
    downloadFile: async function (fileName, contentType, streamReference) {
        const bytes = await streamReference.arrayBuffer();
        const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
    }
};
