CREATE TABLE `program_remote_affiliates` (
	`program_id` integer NOT NULL,
	`affiliate_id` integer NOT NULL,
	`joined_by` integer,
	`joined_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`program_id`, `affiliate_id`),
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`joined_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `program_remote_affiliates_affiliate` ON `program_remote_affiliates` (`affiliate_id`);--> statement-breakpoint
DROP INDEX `races_unique_office`;--> statement-breakpoint
ALTER TABLE `races` ADD `chamber` text;--> statement-breakpoint
ALTER TABLE `races` ADD `locality` text;--> statement-breakpoint
ALTER TABLE `races` ADD `locality_kind` text;--> statement-breakpoint
ALTER TABLE `races` ADD `seat_kind` text;--> statement-breakpoint
ALTER TABLE `races` ADD `primary_kind` text DEFAULT 'partisan' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `races_unique_office` ON `races` (`coalition_id`,`office`,`state`,`district`,`chamber`,`locality`);--> statement-breakpoint
ALTER TABLE `turf_units` ADD `local_only` integer DEFAULT false NOT NULL;