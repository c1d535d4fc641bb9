DROP INDEX `races_unique_office`;--> statement-breakpoint
ALTER TABLE `races` ADD `chamber` text;--> statement-breakpoint
ALTER TABLE `races` ADD `locality` text;--> statement-breakpoint
ALTER TABLE `races` ADD `locality_kind` text;--> statement-breakpoint
ALTER TABLE `races` ADD `seat_kind` text;--> statement-breakpoint
ALTER TABLE `races` ADD `primary_kind` text DEFAULT 'partisan' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `races_unique_office` ON `races` (`coalition_id`,`office`,`state`,`district`,`chamber`,`locality`);