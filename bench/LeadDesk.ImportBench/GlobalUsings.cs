global using LeadDesk.Domain.Leads;
global using LeadDesk.Domain.Scoring;
