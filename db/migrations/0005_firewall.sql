CREATE TABLE `campaign_contact_attendees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`user_id` integer,
	`name` text NOT NULL,
	`email` text,
	FOREIGN KEY (`contact_id`) REFERENCES `campaign_contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_contact_attendees_contact` ON `campaign_contact_attendees` (`contact_id`);--> statement-breakpoint
CREATE TABLE `campaign_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`candidate_id` integer,
	`contact_date` text NOT NULL,
	`topic` text NOT NULL,
	`plans_or_needs` integer NOT NULL,
	`campaign_people` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`recorded_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_contacts_race` ON `campaign_contacts` (`race_id`,`contact_date`);--> statement-breakpoint
CREATE TABLE `firewall_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`rule` text NOT NULL,
	`scope` text NOT NULL,
	`race_id` integer NOT NULL,
	`subject_type` text,
	`subject_id` integer,
	`reason` text NOT NULL,
	`expires_on` text NOT NULL,
	`required_approvals` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	`revoked_by` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "firewall_overrides_approvals" CHECK("firewall_overrides"."required_approvals" between 1 and 2)
);
--> statement-breakpoint
CREATE INDEX `firewall_overrides_race` ON `firewall_overrides` (`partner_id`,`race_id`);--> statement-breakpoint
CREATE TABLE `firewall_policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`file_name` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `firewall_policies_version` ON `firewall_policies` (`partner_id`,`version`);--> statement-breakpoint
CREATE TABLE `override_approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`override_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`override_id`) REFERENCES `firewall_overrides`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `override_approvals_unique` ON `override_approvals` (`override_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `policy_acknowledgments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`policy_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`policy_id`) REFERENCES `firewall_policies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policy_acknowledgments_unique` ON `policy_acknowledgments` (`policy_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `race_sides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`account` text DEFAULT 'main' NOT NULL,
	`side` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`set_by` integer NOT NULL,
	`set_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `race_sides_unique` ON `race_sides` (`partner_id`,`race_id`,`account`);--> statement-breakpoint
CREATE TABLE `vendor_clients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor_id` integer NOT NULL,
	`kind` text NOT NULL,
	`race_id` integer,
	`served_for` text NOT NULL,
	`start_date` text NOT NULL,
	`last_service_date` text,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "vendor_clients_order" CHECK("vendor_clients"."last_service_date" is null or "vendor_clients"."last_service_date" >= "vendor_clients"."start_date")
);
--> statement-breakpoint
CREATE INDEX `vendor_clients_vendor` ON `vendor_clients` (`vendor_id`);--> statement-breakpoint
CREATE TABLE `vendor_uses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`use_date` text NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vendor_uses_vendor` ON `vendor_uses` (`vendor_id`);--> statement-breakpoint
CREATE TABLE `vendors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`name` text NOT NULL,
	`services` text DEFAULT '' NOT NULL,
	`policy_on_file_at` text,
	`policy_note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vendors_name` ON `vendors` (`coalition_id`,`name`);--> statement-breakpoint
CREATE TABLE `walls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`partner_id` integer,
	`user_id` integer,
	`person_name` text NOT NULL,
	`email` text,
	`reason` text NOT NULL,
	`race_id` integer,
	`served_for` text DEFAULT '' NOT NULL,
	`start_date` text NOT NULL,
	`last_service_date` text,
	`until_date` text,
	`evidence` text DEFAULT '' NOT NULL,
	`contact_id` integer,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `campaign_contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "walls_order" CHECK("walls"."last_service_date" is null or "walls"."last_service_date" >= "walls"."start_date")
);
--> statement-breakpoint
CREATE INDEX `walls_coalition` ON `walls` (`coalition_id`);--> statement-breakpoint
CREATE INDEX `walls_user` ON `walls` (`user_id`);--> statement-breakpoint
CREATE INDEX `walls_email` ON `walls` (`email`);--> statement-breakpoint
ALTER TABLE `endorsement_events` ADD `note_source` text DEFAULT 'research' NOT NULL;