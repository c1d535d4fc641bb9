DROP INDEX `shifts_host`;--> statement-breakpoint
CREATE INDEX `shifts_host_start` ON `shifts` (`host_affiliate_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `shift_co_hosts_affiliate` ON `shift_co_hosts` (`affiliate_id`);