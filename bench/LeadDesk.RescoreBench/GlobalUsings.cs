// For the inbox benchmark's generator, compiled into this project too (LeadDesk.RescoreBench.csproj).
global using LeadDesk.Domain.Leads;
global using LeadDesk.Domain.Scoring;
