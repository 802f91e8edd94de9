using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpCenter.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChatSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestMessages_RequestId_Id",
                table: "RequestMessages");

            migrationBuilder.AddColumn<string>(
                name: "ClientId",
                table: "RequestMessages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "RequestMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Number the messages written before sequences existed, in the order they were stored.
            migrationBuilder.Sql(
                "UPDATE RequestMessages SET Sequence = (SELECT COUNT(*) FROM RequestMessages AS earlier " +
                "WHERE earlier.RequestId = RequestMessages.RequestId AND earlier.Id <= RequestMessages.Id);");

            migrationBuilder.CreateIndex(
                name: "IX_RequestMessages_RequestId_ClientId",
                table: "RequestMessages",
                columns: new[] { "RequestId", "ClientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestMessages_RequestId_Sequence",
                table: "RequestMessages",
                columns: new[] { "RequestId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestMessages_RequestId_ClientId",
                table: "RequestMessages");

            migrationBuilder.DropIndex(
                name: "IX_RequestMessages_RequestId_Sequence",
                table: "RequestMessages");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "RequestMessages");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "RequestMessages");

            migrationBuilder.CreateIndex(
                name: "IX_RequestMessages_RequestId_Id",
                table: "RequestMessages",
                columns: new[] { "RequestId", "Id" });
        }
    }
}
