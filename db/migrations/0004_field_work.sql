CREATE TABLE `calendar_feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`scope` text NOT NULL,
	`affiliate_id` integer,
	`program_id` integer,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `canvass_programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`sub_coalition_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`side` text DEFAULT 'independent' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sub_coalition_id`) REFERENCES `sub_coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "canvass_programs_dates" CHECK("canvass_programs"."end_date" >= "canvass_programs"."start_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `canvass_programs_sub` ON `canvass_programs` (`sub_coalition_id`);--> statement-breakpoint
CREATE INDEX `canvass_programs_coalition` ON `canvass_programs` (`coalition_id`);--> statement-breakpoint
CREATE TABLE `pledges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`affiliate_id` integer NOT NULL,
	`work_type` text NOT NULL,
	`week_start` text NOT NULL,
	`hours` real NOT NULL,
	`updated_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pledges_hours" CHECK("pledges"."hours" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pledges_unique` ON `pledges` (`program_id`,`affiliate_id`,`work_type`,`week_start`);--> statement-breakpoint
CREATE TABLE `program_goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`work_type` text NOT NULL,
	`target` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "program_goals_target" CHECK("program_goals"."target" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `program_goals_unique` ON `program_goals` (`program_id`,`work_type`);--> statement-breakpoint
CREATE TABLE `program_materials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`source_kind` text NOT NULL,
	`source_url` text,
	`captured_at` text,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `program_materials_program` ON `program_materials` (`program_id`);--> statement-breakpoint
CREATE TABLE `shift_co_hosts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`affiliate_id` integer NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_co_hosts_unique` ON `shift_co_hosts` (`shift_id`,`affiliate_id`);--> statement-breakpoint
CREATE TABLE `shift_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`affiliate_id` integer NOT NULL,
	`doors_knocked` integer DEFAULT 0 NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`calls_dialed` integer DEFAULT 0 NOT NULL,
	`contacts_made` integer DEFAULT 0 NOT NULL,
	`texts_sent` integer DEFAULT 0 NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_results_unique` ON `shift_results` (`shift_id`,`affiliate_id`);--> statement-breakpoint
CREATE TABLE `shift_turf` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`turf_unit_id` integer NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`turf_unit_id`) REFERENCES `turf_units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_turf_unique` ON `shift_turf` (`shift_id`,`turf_unit_id`);--> statement-breakpoint
CREATE INDEX `shift_turf_unit` ON `shift_turf` (`turf_unit_id`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`work_type` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`location` text,
	`call_link` text,
	`host_kind` text DEFAULT 'affiliate' NOT NULL,
	`host_affiliate_id` integer,
	`campaign_host` text,
	`side` text DEFAULT 'independent' NOT NULL,
	`capacity` integer NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`cancelled_at` text,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`host_affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shifts_order" CHECK("shifts"."ends_at" > "shifts"."starts_at"),
	CONSTRAINT "shifts_capacity" CHECK("shifts"."capacity" between 1 and 10000)
);
--> statement-breakpoint
CREATE INDEX `shifts_program_start` ON `shifts` (`program_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `shifts_host` ON `shifts` (`host_affiliate_id`);--> statement-breakpoint
CREATE TABLE `signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`volunteer_name` text NOT NULL,
	`email` text,
	`phone` text,
	`recruited_by_affiliate_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`cancelled_at` text,
	`attended` integer,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recruited_by_affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signups_shift` ON `signups` (`shift_id`);--> statement-breakpoint
CREATE INDEX `signups_affiliate` ON `signups` (`recruited_by_affiliate_id`);--> statement-breakpoint
CREATE TABLE `turf_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`turf_unit_id` integer NOT NULL,
	`affiliate_id` integer NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`assigned_by` integer,
	`assigned_at` text NOT NULL,
	FOREIGN KEY (`turf_unit_id`) REFERENCES `turf_units`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `turf_assignments_unit` ON `turf_assignments` (`turf_unit_id`);--> statement-breakpoint
CREATE INDEX `turf_assignments_affiliate` ON `turf_assignments` (`affiliate_id`);--> statement-breakpoint
CREATE TABLE `turf_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`state` text NOT NULL,
	`district` text NOT NULL,
	`county` text NOT NULL,
	`precinct` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "turf_units_size" CHECK("turf_units"."size" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `turf_units_code` ON `turf_units` (`program_id`,`code`);--> statement-breakpoint
CREATE INDEX `turf_units_area` ON `turf_units` (`state`,`district`,`county`);