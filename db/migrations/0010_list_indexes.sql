CREATE INDEX `races_coalition_state_primary` ON `races` (`coalition_id`,`state`,`primary_date`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `race_sides_race` ON `race_sides` (`race_id`);