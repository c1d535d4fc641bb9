CREATE TABLE `capacity_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text,
	`amount` integer,
	`capability` text,
	`detail` text,
	`readers` text NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `capacity_items_partner` ON `capacity_items` (`partner_id`,`kind`,`id`);--> statement-breakpoint
CREATE INDEX `capacity_items_state` ON `capacity_items` (`state`,`readers`,`partner_id`);--> statement-breakpoint
CREATE TABLE `outside_endorsements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`state` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`source_url` text NOT NULL,
	`endorsed_on` text NOT NULL,
	`note` text,
	`partner_id` integer,
	`added_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outside_endorsements_candidate` ON `outside_endorsements` (`candidate_id`,`endorsed_on`,`id`);--> statement-breakpoint
CREATE INDEX `outside_endorsements_race` ON `outside_endorsements` (`race_id`,`candidate_id`,`kind`);--> statement-breakpoint
CREATE INDEX `outside_endorsements_table` ON `outside_endorsements` (`coalition_id`,`state`,`race_id`,`kind`);--> statement-breakpoint
CREATE INDEX `outside_endorsements_table_kind` ON `outside_endorsements` (`coalition_id`,`kind`,`state`,`race_id`);