CREATE TABLE `digest_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`hour` integer DEFAULT 12 NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`next_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `digest_settings_next` ON `digest_settings` (`next_at`);--> statement-breakpoint
CREATE TABLE `signup_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signup_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`signup_id`) REFERENCES `signups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signup_tokens_hash` ON `signup_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `signup_tokens_signup` ON `signup_tokens` (`signup_id`);--> statement-breakpoint
ALTER TABLE `shifts` ADD `series_id` integer;--> statement-breakpoint
CREATE INDEX `shifts_series` ON `shifts` (`series_id`,`starts_at`);--> statement-breakpoint
ALTER TABLE `action_items` ADD `overdue_notified_at` text;--> statement-breakpoint
CREATE INDEX `action_items_overdue` ON `action_items` (`overdue_notified_at`,`status`,`due_date`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `ics` text;--> statement-breakpoint
UPDATE `action_items` SET `overdue_notified_at` = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE `due_date` < date('now');
