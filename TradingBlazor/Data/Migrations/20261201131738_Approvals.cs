using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class Approvals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "entries_halted_for",
                table: "bots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "halt",
                table: "bots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approvals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    client_order_id = table.Column<string>(type: "TEXT", nullable: false),
                    signal_id = table.Column<long>(type: "INTEGER", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    notional = table.Column<long>(type: "INTEGER", nullable: true),
                    price = table.Column<long>(type: "INTEGER", nullable: false),
                    confidence = table.Column<double>(type: "REAL", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    values = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_approvals_client_order_id",
                table: "approvals",
                column: "client_order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_approvals_status_expires_at",
                table: "approvals",
                columns: new[] { "status", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approvals");

            migrationBuilder.DropColumn(
                name: "entries_halted_for",
                table: "bots");

            migrationBuilder.DropColumn(
                name: "halt",
                table: "bots");
        }
    }
}
