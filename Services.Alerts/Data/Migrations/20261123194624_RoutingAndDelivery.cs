using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kiln.Alerts.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoutingAndDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LabelsJson",
                schema: "alerts",
                table: "alerts",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "LinksJson",
                schema: "alerts",
                table: "alerts",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateTable(
                name: "delivery_attempts",
                schema: "alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NotificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DurationMs = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivery_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notification_groups",
                schema: "alerts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Receiver = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RoutePath = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    GroupLabelsJson = table.Column<string>(type: "jsonb", nullable: false),
                    GroupInterval = table.Column<TimeSpan>(type: "interval", nullable: false),
                    RepeatInterval = table.Column<TimeSpan>(type: "interval", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextFlushAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastNotifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastNotifiedFiring = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                schema: "alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Receiver = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    PayloadJson = table.Column<string>(type: "jsonb", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "silences",
                schema: "alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MatchersJson = table.Column<string>(type: "jsonb", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_silences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "group_members",
                schema: "alerts",
                columns: table => new
                {
                    GroupId = table.Column<string>(type: "character varying(1000)", nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_group_members", x => new { x.GroupId, x.Fingerprint });
                    table.ForeignKey(
                        name: "FK_group_members_notification_groups_GroupId",
                        column: x => x.GroupId,
                        principalSchema: "alerts",
                        principalTable: "notification_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_delivery_attempts_NotificationId",
                schema: "alerts",
                table: "delivery_attempts",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_groups_NextFlushAt",
                schema: "alerts",
                table: "notification_groups",
                column: "NextFlushAt");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_CreatedAt",
                schema: "alerts",
                table: "notifications",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_Status_NextAttemptAt",
                schema: "alerts",
                table: "notifications",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_silences_EndsAt",
                schema: "alerts",
                table: "silences",
                column: "EndsAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_attempts",
                schema: "alerts");

            migrationBuilder.DropTable(
                name: "group_members",
                schema: "alerts");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "alerts");

            migrationBuilder.DropTable(
                name: "silences",
                schema: "alerts");

            migrationBuilder.DropTable(
                name: "notification_groups",
                schema: "alerts");

            migrationBuilder.DropColumn(
                name: "LabelsJson",
                schema: "alerts",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "LinksJson",
                schema: "alerts",
                table: "alerts");
        }
    }
}
