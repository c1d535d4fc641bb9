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
CREATE TABLE `concerns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`subject` text NOT NULL,
	`candidate_id` integer,
	`sub_coalition_id` integer,
	`agreement_id` integer,
	`decision_id` integer,
	`race_id` integer,
	`about` text NOT NULL,
	`concern` text NOT NULL,
	`reason` text NOT NULL,
	`source_kind` text NOT NULL,
	`source_url` text,
	`captured_at` text,
	`status` text DEFAULT 'open' NOT NULL,
	`agenda_item_id` integer,
	`answer` text,
	`answered_at` text,
	`answered_by` integer,
	`answered_meeting_id` integer,
	`raised_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sub_coalition_id`) REFERENCES `sub_coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`raised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `concerns_coalition` ON `concerns` (`coalition_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `concerns_candidate` ON `concerns` (`candidate_id`,`id`);--> statement-breakpoint
CREATE INDEX `concerns_sub` ON `concerns` (`sub_coalition_id`,`id`);--> statement-breakpoint
CREATE INDEX `concerns_decision` ON `concerns` (`decision_id`);--> statement-breakpoint
CREATE INDEX `concerns_agreement` ON `concerns` (`agreement_id`);--> statement-breakpoint
CREATE INDEX `concerns_agenda_item` ON `concerns` (`agenda_item_id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`sub_coalition_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`kind` text NOT NULL,
	`what` text NOT NULL,
	`why` text NOT NULL,
	`planned_on` text,
	`agenda_item_id` integer,
	`given_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sub_coalition_id`) REFERENCES `sub_coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`given_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notices_sub` ON `notices` (`sub_coalition_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `notices_coalition` ON `notices` (`coalition_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notices_agenda_item` ON `notices` (`agenda_item_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `process_steps_label` ON `process_steps` (`partner_id`,`label`);--> statement-breakpoint
CREATE INDEX `sub_coalition_members_left` ON `sub_coalition_members` (`left_at`);