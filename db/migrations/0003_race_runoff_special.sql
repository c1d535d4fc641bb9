ALTER TABLE `races` ADD `runoff_date` text;--> statement-breakpoint
ALTER TABLE `races` ADD `special_date` text;