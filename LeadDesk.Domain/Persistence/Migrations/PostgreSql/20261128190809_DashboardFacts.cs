using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadDesk.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DashboardFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_Source_UtmCampaign_CreatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_AssignedToId_At",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_ToStage_At_FromStage",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Verb_At_LeadId_FromStage_ToStage",
                table: "Decisions");

            migrationBuilder.AddColumn<DateTime>(
                name: "LastAcceptedAt",
                table: "Leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastPromotedAt",
                table: "Leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastQualifiedAt",
                table: "Leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReachedMqlAt",
                table: "Leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReachedOpportunityAt",
                table: "Leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReachedSalAt",
                table: "Leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReachedSqlAt",
                table: "Leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReachedWonAt",
                table: "Leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScoreRulesKey",
                table: "Leads",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "HandedOffAt",
                table: "Decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeadCreatedAt",
                table: "Decisions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<long>(
                name: "StepDuration",
                table: "Decisions",
                type: "bigint",
                nullable: true);

            // Fill the new columns for the rows written before them, before their indexes exist (DashboardFactsSql).
            foreach (var sql in DashboardFactsSql.PostgreSql)
                migrationBuilder.Sql(sql);

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Source_UtmCampaign_CreatedAt_Milestones",
                table: "Leads",
                columns: new[] { "Source", "UtmCampaign", "CreatedAt", "ReachedMqlAt", "ReachedSalAt", "ReachedSqlAt", "ReachedOpportunityAt", "ReachedWonAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_AssignedToId_At_AssignedToName",
                table: "Decisions",
                columns: new[] { "AssignedToId", "At", "AssignedToName" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_FromStage_ToStage_At",
                table: "Decisions",
                columns: new[] { "FromStage", "ToStage", "At" },
                filter: "\"FromStage\" <> \"ToStage\"");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_FromStage_ToStage_LeadCreatedAt",
                table: "Decisions",
                columns: new[] { "FromStage", "ToStage", "LeadCreatedAt" },
                filter: "\"FromStage\" <> \"ToStage\"");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Verb_At_Dashboard",
                table: "Decisions",
                columns: new[] { "Verb", "At", "LeadId", "FromStage", "ToStage", "StepDuration", "Reason", "ActorId", "ActorName", "HandedOffAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_Source_UtmCampaign_CreatedAt_Milestones",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_AssignedToId_At_AssignedToName",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_FromStage_ToStage_At",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_FromStage_ToStage_LeadCreatedAt",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Verb_At_Dashboard",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "LastAcceptedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "LastPromotedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "LastQualifiedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ReachedMqlAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ReachedOpportunityAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ReachedSalAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ReachedSqlAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ReachedWonAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ScoreRulesKey",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "HandedOffAt",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "LeadCreatedAt",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "StepDuration",
                table: "Decisions");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Source_UtmCampaign_CreatedAt",
                table: "Leads",
                columns: new[] { "Source", "UtmCampaign", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_AssignedToId_At",
                table: "Decisions",
                columns: new[] { "AssignedToId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_ToStage_At_FromStage",
                table: "Decisions",
                columns: new[] { "ToStage", "At", "FromStage" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Verb_At_LeadId_FromStage_ToStage",
                table: "Decisions",
                columns: new[] { "Verb", "At", "LeadId", "FromStage", "ToStage" });
        }
    }
}
