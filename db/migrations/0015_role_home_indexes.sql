CREATE INDEX `role_grants_partner` ON `role_grants` (`partner_id`);--> statement-breakpoint
CREATE INDEX `role_grants_affiliate` ON `role_grants` (`affiliate_id`);--> statement-breakpoint
CREATE INDEX `sub_coalition_members_partner` ON `sub_coalition_members` (`partner_id`);--> statement-breakpoint
CREATE INDEX `pledges_affiliate_week` ON `pledges` (`affiliate_id`,`week_start`);--> statement-breakpoint
CREATE INDEX `walls_partner` ON `walls` (`partner_id`);