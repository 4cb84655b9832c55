using LeadDesk.App.Extensions;
using LeadDesk.Domain;

// Config files are watched for changes by polling (one look every 4 s) rather than by inotify: a FileSystemWatcher
// watches the whole tree below the file's folder, and the SQLite database is written in that tree, so every page the
// database wrote raised file events for the app to sift through (two watchers, 179 folders each, in a checkout).
Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

var builder = WebApplication.CreateBuilder(args);

builder.AddOperatorConfiguration();
builder.Services.AddLeadDeskDomain(builder.Configuration);
builder.AddLeadDeskApp();
builder.AddLeadDeskApi();

var app = builder.Build();

app.UseLeadDeskPipeline();
app.UseLeadDeskApi();
app.MapLeadDeskApi();
await app.InitializeLeadDeskAsync();

app.Run();

public partial class Program;
