using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadDesk.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AssignmentAndSla : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RepAssignments",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TakesPart = table.Column<bool>(type: "INTEGER", nullable: false),
                    Territory = table.Column<string>(type: "TEXT", nullable: false),
                    CapacityPerDay = table.Column<int>(type: "INTEGER", nullable: true),
                    Away = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepAssignments", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_RepAssignments_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    SalesAnswerHours = table.Column<int>(type: "INTEGER", nullable: false),
                    MarketingReviewHours = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DayStart = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    DayEnd = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    EscalateAfterHours = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaSettings", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "SlaSettings",
                columns: new[] { "Id", "BusinessDays", "DayEnd", "DayStart", "EscalateAfterHours", "MarketingReviewHours", "SalesAnswerHours", "UpdatedAt", "UpdatedById", "UpdatedByName" },
                values: new object[] { 1, 62, new TimeSpan(0, 18, 0, 0, 0), new TimeSpan(0, 9, 0, 0, 0), null, 8, 24, null, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RepAssignments");

            migrationBuilder.DropTable(
                name: "SlaSettings");
        }
    }
}
