ALTER TABLE `candidates` ADD `bio_source_kind` text DEFAULT 'research' NOT NULL;--> statement-breakpoint
ALTER TABLE `candidates` ADD `bio_source_url` text;--> statement-breakpoint
ALTER TABLE `candidates` ADD `bio_captured_at` text;