CREATE TABLE `firewall_lengths` (
	`coalition_id` integer PRIMARY KEY NOT NULL,
	`window_days` integer NOT NULL,
	`lookback_days` integer NOT NULL,
	`basis_note` text,
	`set_by` integer,
	`set_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "firewall_lengths_window" CHECK("firewall_lengths"."window_days" between 1 and 365),
	CONSTRAINT "firewall_lengths_lookback" CHECK("firewall_lengths"."lookback_days" between 1 and 730)
);
--> statement-breakpoint
ALTER TABLE `affiliates` ADD `national` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `affiliates_national_office` ON `affiliates` (`partner_id`) WHERE "affiliates"."national" = 1;