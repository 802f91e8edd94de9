using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpCenter.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class InsightsAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArticleDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Views = table.Column<int>(type: "INTEGER", nullable: false),
                    BeforeContact = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InsightsRollupStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ThroughDay = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WindowsThroughDay = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightsRollupStates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Searches = table.Column<int>(type: "INTEGER", nullable: false),
                    NoResult = table.Column<int>(type: "INTEGER", nullable: false),
                    NoClick = table.Column<int>(type: "INTEGER", nullable: false),
                    Clicks = table.Column<int>(type: "INTEGER", nullable: false),
                    RankSum = table.Column<long>(type: "INTEGER", nullable: false),
                    FollowedByContact = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchQueryDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Searches = table.Column<int>(type: "INTEGER", nullable: false),
                    NoResult = table.Column<int>(type: "INTEGER", nullable: false),
                    NoClick = table.Column<int>(type: "INTEGER", nullable: false),
                    Clicks = table.Column<int>(type: "INTEGER", nullable: false),
                    RankSum = table.Column<long>(type: "INTEGER", nullable: false),
                    FollowedByContact = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchQueryDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchQueryWindows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Searches = table.Column<int>(type: "INTEGER", nullable: false),
                    NoResult = table.Column<int>(type: "INTEGER", nullable: false),
                    NoClick = table.Column<int>(type: "INTEGER", nullable: false),
                    Clicks = table.Column<int>(type: "INTEGER", nullable: false),
                    RankSum = table.Column<long>(type: "INTEGER", nullable: false),
                    FollowedByContact = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchQueryWindows", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleDays_Day_Language_Slug",
                table: "ArticleDays",
                columns: new[] { "Day", "Language", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDays_Day_Language",
                table: "SearchDays",
                columns: new[] { "Day", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchQueryDays_Day_Language_Key",
                table: "SearchQueryDays",
                columns: new[] { "Day", "Language", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchQueryWindows_Days_FollowedByContact_Searches_Key",
                table: "SearchQueryWindows",
                columns: new[] { "Days", "FollowedByContact", "Searches", "Key" },
                descending: new[] { false, true, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_SearchQueryWindows_Days_Key_Language",
                table: "SearchQueryWindows",
                columns: new[] { "Days", "Key", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchQueryWindows_Days_NoClick_Searches_Key",
                table: "SearchQueryWindows",
                columns: new[] { "Days", "NoClick", "Searches", "Key" },
                descending: new[] { false, true, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_SearchQueryWindows_Days_NoResult_Searches_Key",
                table: "SearchQueryWindows",
                columns: new[] { "Days", "NoResult", "Searches", "Key" },
                descending: new[] { false, true, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_SearchQueryWindows_Days_Searches_Key",
                table: "SearchQueryWindows",
                columns: new[] { "Days", "Searches", "Key" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleDays");

            migrationBuilder.DropTable(
                name: "InsightsRollupStates");

            migrationBuilder.DropTable(
                name: "SearchDays");

            migrationBuilder.DropTable(
                name: "SearchQueryDays");

            migrationBuilder.DropTable(
                name: "SearchQueryWindows");
        }
    }
}
