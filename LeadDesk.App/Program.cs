using LeadDesk.App.Extensions;
using LeadDesk.Domain;

var builder = WebApplication.CreateBuilder(args);

builder.AddOperatorConfiguration();
builder.Services.AddLeadDeskDomain(builder.Configuration);
builder.AddLeadDeskApp();

var app = builder.Build();

app.UseLeadDeskPipeline();
await app.InitializeLeadDeskAsync();

app.Run();

public partial class Program;
