CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `affiliate_coverage` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`affiliate_id` integer NOT NULL,
	`state` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `affiliate_coverage_unique` ON `affiliate_coverage` (`affiliate_id`,`state`,`kind`,`value`);--> statement-breakpoint
CREATE INDEX `affiliate_coverage_area` ON `affiliate_coverage` (`state`,`kind`,`value`);--> statement-breakpoint
CREATE TABLE `affiliates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`name` text NOT NULL,
	`state` text NOT NULL,
	`legal_type` text,
	`lead_name` text,
	`lead_contact` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `affiliates_partner_name` ON `affiliates` (`partner_id`,`name`);--> statement-breakpoint
CREATE INDEX `affiliates_state` ON `affiliates` (`state`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`legal_type` text NOT NULL,
	`website` text,
	`contact_name` text,
	`contact_email` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_name_unique` ON `partners` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `partners_short_name_unique` ON `partners` (`short_name`);--> statement-breakpoint
CREATE TABLE `coalition_partners` (
	`coalition_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`joined_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`coalition_id`, `partner_id`),
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `coalitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`cycle` integer NOT NULL,
	`threshold` integer DEFAULT 4 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "coalitions_threshold_range" CHECK("coalitions"."threshold" between 2 and 10)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coalitions_name_unique` ON `coalitions` (`name`);--> statement-breakpoint
CREATE TABLE `races` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`office` text NOT NULL,
	`state` text NOT NULL,
	`district` text,
	`seats` integer DEFAULT 1 NOT NULL,
	`primary_date` text NOT NULL,
	`general_date` text NOT NULL,
	`incumbent` text,
	`time_zone` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "races_seats_range" CHECK("races"."seats" between 1 and 20),
	CONSTRAINT "races_general_after_primary" CHECK("races"."general_date" >= "races"."primary_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `races_unique_office` ON `races` (`coalition_id`,`office`,`state`,`district`);--> statement-breakpoint
CREATE INDEX `races_coalition_primary` ON `races` (`coalition_id`,`primary_date`);--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`race_id` integer NOT NULL,
	`name` text NOT NULL,
	`party` text NOT NULL,
	`incumbency` text NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`website` text,
	`social_links` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `candidates_race` ON `candidates` (`race_id`);--> statement-breakpoint
CREATE TABLE `profile_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`kind` text NOT NULL,
	`topic` text,
	`body` text DEFAULT '' NOT NULL,
	`raised` integer,
	`cash_on_hand` integer,
	`as_of` text,
	`pollster` text,
	`poll_share` real,
	`source_kind` text NOT NULL,
	`source_url` text,
	`captured_at` text,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `profile_items_candidate` ON `profile_items` (`candidate_id`,`kind`);--> statement-breakpoint
CREATE TABLE `profile_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`action` text NOT NULL,
	`summary` text NOT NULL,
	`before` text,
	`after` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `profile_revisions_candidate` ON `profile_revisions` (`candidate_id`,`id`);--> statement-breakpoint
CREATE TABLE `endorsement_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`affiliate_id` integer,
	`from_stance` text,
	`stance` text NOT NULL,
	`decided_on` text NOT NULL,
	`deciding_body` text,
	`note` text,
	`note_private` integer DEFAULT false NOT NULL,
	`actor_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `endorsement_events_candidate` ON `endorsement_events` (`candidate_id`,`partner_id`,`id`);--> statement-breakpoint
CREATE INDEX `endorsement_events_partner` ON `endorsement_events` (`partner_id`,`id`);--> statement-breakpoint
CREATE TABLE `sub_coalition_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sub_coalition_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`joined_at` text NOT NULL,
	`joined_by_event_id` integer,
	`left_at` text,
	`left_by_event_id` integer,
	`actor_id` integer NOT NULL,
	FOREIGN KEY (`sub_coalition_id`) REFERENCES `sub_coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`joined_by_event_id`) REFERENCES `endorsement_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`left_by_event_id`) REFERENCES `endorsement_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sub_coalition_members_sub` ON `sub_coalition_members` (`sub_coalition_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sub_coalition_members_open` ON `sub_coalition_members` (`sub_coalition_id`,`partner_id`) WHERE left_at is null;--> statement-breakpoint
CREATE TABLE `sub_coalitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`formed_at` text NOT NULL,
	`formed_by_event_id` integer,
	`closed_at` text,
	`closed_by` integer,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`formed_by_event_id`) REFERENCES `endorsement_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sub_coalitions_candidate` ON `sub_coalitions` (`candidate_id`);--> statement-breakpoint
CREATE INDEX `sub_coalitions_coalition` ON `sub_coalitions` (`coalition_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`decision` text NOT NULL,
	`rule` text,
	`partner_id` integer,
	`race_id` integer,
	`subject_type` text,
	`subject_id` integer,
	`detail` text DEFAULT '' NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_partner` ON `audit_log` (`partner_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_race` ON `audit_log` (`race_id`,`at`);