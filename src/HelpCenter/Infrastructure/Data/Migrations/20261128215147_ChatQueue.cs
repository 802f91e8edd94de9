using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpCenter.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChatQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AgentReadSequence",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssignedAt",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CustomerReadSequence",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "QueuedAt",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "Requests",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentId",
                table: "RequestMessages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgentPresences",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentPresences", x => x.UserId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Channel_Status_AssignedToId",
                table: "Requests",
                columns: new[] { "Channel", "Status", "AssignedToId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgentPresences");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Channel_Status_AssignedToId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AgentReadSequence",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AssignedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "CustomerReadSequence",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "QueuedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AttachmentId",
                table: "RequestMessages");
        }
    }
}
