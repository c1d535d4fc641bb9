CREATE TABLE `program_allies` (
	`program_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`invited_by` integer,
	`invited_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`program_id`, `partner_id`),
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `program_allies_partner` ON `program_allies` (`partner_id`);--> statement-breakpoint
ALTER TABLE `partners` ADD `ally` integer DEFAULT false NOT NULL;