CREATE TABLE `lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`candidate_id` integer,
	`scope` text NOT NULL,
	`cycle` integer NOT NULL,
	`place_key` text NOT NULL,
	`body` text NOT NULL,
	`source_kind` text NOT NULL,
	`source_url` text,
	`captured_at` text,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	`removed_at` text,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lessons_coalition_race` ON `lessons` (`coalition_id`,`race_id`);--> statement-breakpoint
CREATE INDEX `lessons_place` ON `lessons` (`place_key`,`cycle`);--> statement-breakpoint
CREATE INDEX `lessons_candidate` ON `lessons` (`candidate_id`);