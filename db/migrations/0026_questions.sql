CREATE TABLE `agenda_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`meeting_id` integer,
	`title` text NOT NULL,
	`why` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`reply` text,
	`agenda_item_id` integer,
	`proposed_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_proposals_coalition` ON `agenda_proposals` (`coalition_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `agenda_proposals_item` ON `agenda_proposals` (`agenda_item_id`);--> statement-breakpoint
CREATE TABLE `agreement_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sub_coalition_id` integer NOT NULL,
	`agreement_id` integer NOT NULL,
	`base_version_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`decides_together` text NOT NULL,
	`each_keeps` text NOT NULL,
	`work_and_credit` text NOT NULL,
	`acting_alone` text NOT NULL,
	`why` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`reply` text,
	`version_id` integer,
	`proposed_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	FOREIGN KEY (`sub_coalition_id`) REFERENCES `sub_coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`base_version_id`) REFERENCES `agreement_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `agreement_versions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_proposals_sub` ON `agreement_proposals` (`sub_coalition_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`candidate_id` integer,
	`sub_coalition_id` integer,
	`race_id` integer NOT NULL,
	`partner_id` integer,
	`body` text NOT NULL,
	`source_kind` text NOT NULL,
	`source_url` text,
	`captured_at` text,
	`author_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`edited_at` text,
	`deleted_at` text,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sub_coalition_id`) REFERENCES `sub_coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_candidate` ON `comments` (`candidate_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_sub` ON `comments` (`sub_coalition_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `question_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`body` text NOT NULL,
	`source_kind` text NOT NULL,
	`source_url` text,
	`captured_at` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_answers_unique` ON `question_answers` (`question_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `question_answers_race` ON `question_answers` (`race_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `question_answers_candidate` ON `question_answers` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`partner_id` integer,
	`proposed_by` integer,
	`status` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`text` text NOT NULL,
	`why` text,
	`reply` text,
	`decided_by` integer,
	`decided_at` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_coalition` ON `questions` (`coalition_id`,`status`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `questions_proposals` ON `questions` (`coalition_id`,`status`,`created_at`,`id`);