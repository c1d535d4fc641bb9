CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `election_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`race_id` integer NOT NULL,
	`election` text NOT NULL,
	`candidate_id` integer NOT NULL,
	`votes` integer NOT NULL,
	`outcome` text NOT NULL,
	`source_url` text NOT NULL,
	`source_date` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "election_results_votes" CHECK("election_results"."votes" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `election_results_unique` ON `election_results` (`race_id`,`election`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `election_results_candidate` ON `election_results` (`candidate_id`,`election`);--> statement-breakpoint
CREATE TABLE `sub_coalition_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sub_coalition_id` integer NOT NULL,
	`from_election` text NOT NULL,
	`to_election` text NOT NULL,
	`election_date` text NOT NULL,
	`program_id` integer,
	`program_start_before` text,
	`program_end_before` text,
	`program_start` text,
	`program_end` text,
	`note` text,
	`actor_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`sub_coalition_id`) REFERENCES `sub_coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sub_coalition_steps_unique` ON `sub_coalition_steps` (`sub_coalition_id`,`to_election`);--> statement-breakpoint
ALTER TABLE `candidates` ADD `person_id` integer REFERENCES people(id);--> statement-breakpoint
CREATE INDEX `candidates_person` ON `candidates` (`person_id`);--> statement-breakpoint
CREATE INDEX `candidates_name_lower` ON `candidates` (lower("name"));--> statement-breakpoint
ALTER TABLE `sub_coalitions` ADD `election` text DEFAULT 'primary' NOT NULL;--> statement-breakpoint
ALTER TABLE `sub_coalitions` ADD `active_until` text;