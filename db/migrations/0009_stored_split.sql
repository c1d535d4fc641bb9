CREATE TABLE `program_splits` (
	`program_id` integer PRIMARY KEY NOT NULL,
	`total_units` integer NOT NULL,
	`assigned` integer NOT NULL,
	`locked` integer NOT NULL,
	`uncovered` integer NOT NULL,
	`unpledged` integer NOT NULL,
	`shares` integer NOT NULL,
	`computed_at` text NOT NULL,
	`computed_by` integer,
	`stale_since` text,
	`stale_reason` text,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`computed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `split_shares` (
	`program_id` integer NOT NULL,
	`kind` text NOT NULL,
	`affiliate_id` integer NOT NULL,
	`hours` real NOT NULL,
	`pledge_percent` real NOT NULL,
	`ideal` real NOT NULL,
	`target` integer NOT NULL,
	`units` integer NOT NULL,
	`size` integer NOT NULL,
	`locked` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `split_shares_key` ON `split_shares` (`program_id`,`kind`,`affiliate_id`);--> statement-breakpoint
CREATE INDEX `split_shares_affiliate` ON `split_shares` (`affiliate_id`);--> statement-breakpoint
CREATE TABLE `split_uncovered` (
	`turf_unit_id` integer PRIMARY KEY NOT NULL,
	`program_id` integer NOT NULL,
	`code` text NOT NULL,
	FOREIGN KEY (`turf_unit_id`) REFERENCES `turf_units`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `canvass_programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `split_uncovered_code` ON `split_uncovered` (`program_id`,`code`);--> statement-breakpoint
-- Programs split before the split was stored: nothing to show until a re-split stores it.
INSERT INTO `program_splits` (`program_id`, `total_units`, `assigned`, `locked`, `uncovered`, `unpledged`, `shares`, `computed_at`, `computed_by`, `stale_since`, `stale_reason`)
SELECT p.`id`,
       (SELECT count(*) FROM `turf_units` u WHERE u.`program_id` = p.`id`),
       (SELECT count(*) FROM `turf_assignments` a JOIN `turf_units` u ON u.`id` = a.`turf_unit_id` WHERE u.`program_id` = p.`id`),
       (SELECT count(*) FROM `turf_assignments` a JOIN `turf_units` u ON u.`id` = a.`turf_unit_id` WHERE u.`program_id` = p.`id` AND a.`locked` = 1),
       0, 0, 0,
       strftime('%Y-%m-%dT%H:%M:%fZ','now'), NULL,
       strftime('%Y-%m-%dT%H:%M:%fZ','now'), 'The split is now stored; re-split once to store it.'
  FROM `canvass_programs` p;
