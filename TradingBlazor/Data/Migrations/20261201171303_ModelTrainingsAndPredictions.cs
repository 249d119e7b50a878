using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelTrainingsAndPredictions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "actual_up",
                table: "signals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "features_hash",
                table: "signals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "label_horizon",
                table: "signals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "prediction_model",
                table: "signals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "model_trainings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    timeframe = table.Column<string>(type: "TEXT", nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    model = table.Column<string>(type: "TEXT", nullable: false),
                    seed = table.Column<int>(type: "INTEGER", nullable: false),
                    folds = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    model_version = table.Column<int>(type: "INTEGER", nullable: true),
                    rows = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_trainings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_model_trainings_status",
                table: "model_trainings",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_trainings");

            migrationBuilder.DropColumn(
                name: "actual_up",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "features_hash",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "label_horizon",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "prediction_model",
                table: "signals");
        }
    }
}
