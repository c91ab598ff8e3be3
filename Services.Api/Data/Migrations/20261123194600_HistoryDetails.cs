using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kiln.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class HistoryDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientIpHash",
                schema: "api",
                table: "request_history",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErrorCode",
                schema: "api",
                table: "request_history",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FinishReason",
                schema: "api",
                table: "request_history",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Prompt",
                schema: "api",
                table: "request_history",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Response",
                schema: "api",
                table: "request_history",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "ClientIpHash", schema: "api", table: "request_history");
            migrationBuilder.DropColumn(name: "ErrorCode", schema: "api", table: "request_history");
            migrationBuilder.DropColumn(name: "FinishReason", schema: "api", table: "request_history");
            migrationBuilder.DropColumn(name: "Prompt", schema: "api", table: "request_history");
            migrationBuilder.DropColumn(name: "Response", schema: "api", table: "request_history");
        }
    }
}
