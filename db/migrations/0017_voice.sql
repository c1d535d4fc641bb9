CREATE TABLE `candidate_processes` (
	`candidate_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`coalition_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`step_id` integer,
	`expected_on` text,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`candidate_id`, `partner_id`),
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`step_id`) REFERENCES `process_steps`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `candidate_processes_race` ON `candidate_processes` (`race_id`,`expected_on`);--> statement-breakpoint
CREATE INDEX `candidate_processes_step` ON `candidate_processes` (`step_id`);--> statement-breakpoint
CREATE INDEX `candidate_processes_partner` ON `candidate_processes` (`partner_id`,`coalition_id`,`step_id`);--> statement-breakpoint
CREATE TABLE `process_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `process_steps_partner` ON `process_steps` (`partner_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `process_steps_label` ON `process_steps` (`partner_id`,`label`);