CREATE TABLE `account_dedications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`account` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`set_by` integer NOT NULL,
	`set_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_dedications_person` ON `account_dedications` (`user_id`,`partner_id`);--> statement-breakpoint
CREATE INDEX `account_dedications_partner` ON `account_dedications` (`partner_id`);