CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`to_name` text DEFAULT '' NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`headers` text DEFAULT '{}' NOT NULL,
	`ics` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`claim_token` text,
	`claimed_at` text,
	`dedupe_key` text,
	`signup_id` integer,
	`shift_id` integer,
	`created_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_status_id` ON `outbox` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_signup` ON `outbox` (`signup_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE TABLE `shift_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`affiliate_id` integer,
	`token` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_links_token` ON `shift_links` (`token`);--> statement-breakpoint
CREATE INDEX `shift_links_shift` ON `shift_links` (`shift_id`,`affiliate_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`volunteer_name` text NOT NULL,
	`email` text,
	`phone` text,
	`recruited_by_affiliate_id` integer NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`cancelled_at` text,
	`attended` integer,
	`source` text DEFAULT 'lead' NOT NULL,
	`cancel_token_hash` text,
	`hold_reason` text,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recruited_by_affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_signups`("id", "shift_id", "volunteer_name", "email", "phone", "recruited_by_affiliate_id", "created_by", "created_at", "cancelled_at", "attended") SELECT "id", "shift_id", "volunteer_name", "email", "phone", "recruited_by_affiliate_id", "created_by", "created_at", "cancelled_at", "attended" FROM `signups`;--> statement-breakpoint
DROP TABLE `signups`;--> statement-breakpoint
ALTER TABLE `__new_signups` RENAME TO `signups`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `signups_shift` ON `signups` (`shift_id`);--> statement-breakpoint
CREATE INDEX `signups_affiliate` ON `signups` (`recruited_by_affiliate_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `signups_cancel_token` ON `signups` (`cancel_token_hash`);--> statement-breakpoint
CREATE INDEX `signups_email_created` ON `signups` (`email`,`created_at`);--> statement-breakpoint
ALTER TABLE `shifts` ADD `published_at` text;--> statement-breakpoint
ALTER TABLE `shifts` ADD `remind_24h` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `shifts` ADD `remind_2h` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX `shifts_start` ON `shifts` (`starts_at`);--> statement-breakpoint
CREATE TABLE `notification_prefs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`mode` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_prefs_user_kind` ON `notification_prefs` (`user_id`,`kind`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`coalition_id` integer,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`link` text,
	`created_at` text NOT NULL,
	`read_at` text,
	`emailed_at` text,
	`pending` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_pending` ON `notifications` (`pending`,`user_id`);--> statement-breakpoint
CREATE TABLE `unsubscribe_tokens` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unsubscribe_tokens_token` ON `unsubscribe_tokens` (`token`);