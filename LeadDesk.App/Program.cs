using LeadDesk.App.Extensions;
using LeadDesk.Domain;

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
