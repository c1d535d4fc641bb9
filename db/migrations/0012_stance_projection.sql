CREATE TABLE `candidate_tallies` (
	`candidate_id` integer PRIMARY KEY NOT NULL,
	`coalition_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`state` text NOT NULL,
	`district_key` text NOT NULL,
	`name` text NOT NULL,
	`primary_date` text NOT NULL,
	`endorsers` integer DEFAULT 0 NOT NULL,
	`sort_count` integer DEFAULT 0 NOT NULL,
	`affiliate_endorsements` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `candidate_tallies_matrix` ON `candidate_tallies` (`coalition_id`,`sort_count`,`state`,`district_key`,`name`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `candidate_tallies_state` ON `candidate_tallies` (`coalition_id`,`state`,`sort_count`,`district_key`,`name`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `candidate_tallies_race` ON `candidate_tallies` (`race_id`,`sort_count`);--> statement-breakpoint
CREATE INDEX `candidate_tallies_nearing` ON `candidate_tallies` (`coalition_id`,`sort_count`,`primary_date`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `candidate_tallies_split` ON `candidate_tallies` (`coalition_id`,`race_id`,`endorsers`);--> statement-breakpoint
CREATE TABLE `current_stances` (
	`candidate_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`holder_affiliate` integer NOT NULL,
	`affiliate_id` integer,
	`coalition_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`stance` text NOT NULL,
	`event_id` integer NOT NULL,
	`decided_on` text NOT NULL,
	PRIMARY KEY(`candidate_id`, `holder_affiliate`, `partner_id`),
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `current_stances_race` ON `current_stances` (`race_id`,`holder_affiliate`,`stance`,`partner_id`);--> statement-breakpoint
CREATE INDEX `current_stances_partner` ON `current_stances` (`coalition_id`,`partner_id`,`holder_affiliate`,`event_id`);--> statement-breakpoint
CREATE TABLE `endorsement_days` (
	`coalition_id` integer NOT NULL,
	`decided_on` text NOT NULL,
	`delta` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`coalition_id`, `decided_on`),
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `endorsement_events` ADD `coalition_id` integer REFERENCES coalitions(id);--> statement-breakpoint
CREATE INDEX `endorsement_events_coalition` ON `endorsement_events` (`coalition_id`,`id`);--> statement-breakpoint
CREATE INDEX `endorsement_events_coalition_partner` ON `endorsement_events` (`coalition_id`,`partner_id`,`id`);--> statement-breakpoint
CREATE INDEX `endorsement_events_coalition_created` ON `endorsement_events` (`coalition_id`,`created_at`);--> statement-breakpoint
-- Backfill (issue 11): the events' table, then the projection from the history, so an existing
-- database is right after migrating. The history stays the source of truth: current_stances is
-- the newest event of each (candidate, partner, affiliate), candidate_tallies counts it,
-- endorsement_days nets the national partners' endorsements made and ended per table and day.
UPDATE `endorsement_events` SET `coalition_id` = (
  SELECT r.`coalition_id` FROM `candidates` c JOIN `races` r ON r.`id` = c.`race_id` WHERE c.`id` = `endorsement_events`.`candidate_id`
);--> statement-breakpoint
INSERT INTO `current_stances` (`candidate_id`, `partner_id`, `holder_affiliate`, `affiliate_id`, `coalition_id`, `race_id`, `stance`, `event_id`, `decided_on`)
SELECT e.`candidate_id`, e.`partner_id`, coalesce(e.`affiliate_id`, 0), e.`affiliate_id`, r.`coalition_id`, c.`race_id`, e.`stance`, e.`id`, e.`decided_on`
FROM `endorsement_events` e
JOIN `candidates` c ON c.`id` = e.`candidate_id`
JOIN `races` r ON r.`id` = c.`race_id`
WHERE e.`id` = (
  SELECT max(e2.`id`) FROM `endorsement_events` e2
  WHERE e2.`candidate_id` = e.`candidate_id` AND e2.`partner_id` = e.`partner_id` AND e2.`affiliate_id` IS e.`affiliate_id`
);--> statement-breakpoint
INSERT INTO `candidate_tallies` (`candidate_id`, `coalition_id`, `race_id`, `state`, `district_key`, `name`, `primary_date`)
SELECT c.`id`, r.`coalition_id`, r.`id`, r.`state`, coalesce(r.`district`, ''), c.`name`, r.`primary_date`
FROM `candidates` c JOIN `races` r ON r.`id` = c.`race_id`;--> statement-breakpoint
UPDATE `candidate_tallies` SET
  `endorsers` = (
    SELECT count(*) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` = 0 AND s.`stance` = 'endorsed'
  ),
  `affiliate_endorsements` = (
    SELECT count(*) FROM `current_stances` s
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` <> 0 AND s.`stance` = 'endorsed'
  );--> statement-breakpoint
UPDATE `candidate_tallies` SET `sort_count` = -`endorsers`;--> statement-breakpoint
INSERT INTO `endorsement_days` (`coalition_id`, `decided_on`, `delta`)
SELECT `coalition_id`, `decided_on`, sum((`stance` = 'endorsed') - (coalesce(`from_stance`, '') = 'endorsed'))
FROM `endorsement_events` WHERE `affiliate_id` IS NULL AND `coalition_id` IS NOT NULL
GROUP BY `coalition_id`, `decided_on`;--> statement-breakpoint
-- Kept in step by the database itself, inside the statement (so the transaction) that writes:
-- an appended stance event moves its holder's current stance and recounts its candidate;
-- a seat taken or given up recounts the table (only seated partners count); a candidate or
-- race written refreshes the sort keys; a current stance removed by a cascade (an affiliate or
-- partner deleted) recounts its candidate.
CREATE TRIGGER `endorsement_events_project` AFTER INSERT ON `endorsement_events`
BEGIN
  UPDATE `endorsement_events` SET `coalition_id` = (
    SELECT r.`coalition_id` FROM `candidates` c JOIN `races` r ON r.`id` = c.`race_id` WHERE c.`id` = NEW.`candidate_id`
  ) WHERE `id` = NEW.`id` AND `coalition_id` IS NULL;
  INSERT INTO `current_stances` (`candidate_id`, `partner_id`, `holder_affiliate`, `affiliate_id`, `coalition_id`, `race_id`, `stance`, `event_id`, `decided_on`)
  SELECT NEW.`candidate_id`, NEW.`partner_id`, coalesce(NEW.`affiliate_id`, 0), NEW.`affiliate_id`, r.`coalition_id`, c.`race_id`, NEW.`stance`, NEW.`id`, NEW.`decided_on`
  FROM `candidates` c JOIN `races` r ON r.`id` = c.`race_id` WHERE c.`id` = NEW.`candidate_id`
  ON CONFLICT (`candidate_id`, `holder_affiliate`, `partner_id`) DO UPDATE SET
    `stance` = excluded.`stance`, `event_id` = excluded.`event_id`, `decided_on` = excluded.`decided_on`, `affiliate_id` = excluded.`affiliate_id`
  WHERE excluded.`event_id` > `current_stances`.`event_id`;
  UPDATE `candidate_tallies` SET
    `endorsers` = (
      SELECT count(*) FROM `current_stances` s
      JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
      WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` = 0 AND s.`stance` = 'endorsed'
    ),
    `affiliate_endorsements` = (
      SELECT count(*) FROM `current_stances` s
      WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` <> 0 AND s.`stance` = 'endorsed'
    )
  WHERE `candidate_id` = NEW.`candidate_id`;
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `candidate_id` = NEW.`candidate_id`;
  INSERT INTO `endorsement_days` (`coalition_id`, `decided_on`, `delta`)
  SELECT r.`coalition_id`, NEW.`decided_on`, (NEW.`stance` = 'endorsed') - (coalesce(NEW.`from_stance`, '') = 'endorsed')
  FROM `candidates` c JOIN `races` r ON r.`id` = c.`race_id` WHERE c.`id` = NEW.`candidate_id` AND NEW.`affiliate_id` IS NULL
  ON CONFLICT (`coalition_id`, `decided_on`) DO UPDATE SET `delta` = `delta` + excluded.`delta`;
END;--> statement-breakpoint
CREATE TRIGGER `current_stances_removed` AFTER DELETE ON `current_stances`
BEGIN
  UPDATE `candidate_tallies` SET
    `endorsers` = (
      SELECT count(*) FROM `current_stances` s
      JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
      WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` = 0 AND s.`stance` = 'endorsed'
    ),
    `affiliate_endorsements` = (
      SELECT count(*) FROM `current_stances` s
      WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` <> 0 AND s.`stance` = 'endorsed'
    )
  WHERE `candidate_id` = OLD.`candidate_id`;
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `candidate_id` = OLD.`candidate_id`;
END;--> statement-breakpoint
CREATE TRIGGER `coalition_partners_seated` AFTER INSERT ON `coalition_partners`
BEGIN
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(*) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` = 0 AND s.`stance` = 'endorsed'
  ) WHERE `coalition_id` = NEW.`coalition_id` AND `candidate_id` IN (
    SELECT `candidate_id` FROM `current_stances` WHERE `coalition_id` = NEW.`coalition_id` AND `partner_id` = NEW.`partner_id` AND `holder_affiliate` = 0
  );
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `coalition_id` = NEW.`coalition_id` AND `sort_count` <> -`endorsers`;
END;--> statement-breakpoint
CREATE TRIGGER `coalition_partners_unseated` AFTER DELETE ON `coalition_partners`
BEGIN
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(*) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` = 0 AND s.`stance` = 'endorsed'
  ) WHERE `coalition_id` = OLD.`coalition_id` AND `candidate_id` IN (
    SELECT `candidate_id` FROM `current_stances` WHERE `coalition_id` = OLD.`coalition_id` AND `partner_id` = OLD.`partner_id` AND `holder_affiliate` = 0
  );
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `coalition_id` = OLD.`coalition_id` AND `sort_count` <> -`endorsers`;
END;--> statement-breakpoint
CREATE TRIGGER `candidates_tally_insert` AFTER INSERT ON `candidates`
BEGIN
  INSERT INTO `candidate_tallies` (`candidate_id`, `coalition_id`, `race_id`, `state`, `district_key`, `name`, `primary_date`)
  SELECT NEW.`id`, r.`coalition_id`, r.`id`, r.`state`, coalesce(r.`district`, ''), NEW.`name`, r.`primary_date` FROM `races` r WHERE r.`id` = NEW.`race_id`;
END;--> statement-breakpoint
CREATE TRIGGER `candidates_tally_update` AFTER UPDATE OF `name`, `race_id` ON `candidates`
BEGIN
  UPDATE `candidate_tallies` SET
    `name` = NEW.`name`, `race_id` = NEW.`race_id`,
    `coalition_id` = (SELECT `coalition_id` FROM `races` WHERE `id` = NEW.`race_id`),
    `state` = (SELECT `state` FROM `races` WHERE `id` = NEW.`race_id`),
    `district_key` = (SELECT coalesce(`district`, '') FROM `races` WHERE `id` = NEW.`race_id`),
    `primary_date` = (SELECT `primary_date` FROM `races` WHERE `id` = NEW.`race_id`)
  WHERE `candidate_id` = NEW.`id`;
  UPDATE `current_stances` SET `race_id` = NEW.`race_id`, `coalition_id` = (SELECT `coalition_id` FROM `races` WHERE `id` = NEW.`race_id`)
  WHERE `candidate_id` = NEW.`id` AND NEW.`race_id` <> OLD.`race_id`;
END;--> statement-breakpoint
CREATE TRIGGER `races_tally_update` AFTER UPDATE OF `state`, `district`, `primary_date`, `coalition_id` ON `races`
BEGIN
  UPDATE `candidate_tallies` SET `coalition_id` = NEW.`coalition_id`, `state` = NEW.`state`, `district_key` = coalesce(NEW.`district`, ''), `primary_date` = NEW.`primary_date`
  WHERE `race_id` = NEW.`id`;
  UPDATE `current_stances` SET `coalition_id` = NEW.`coalition_id` WHERE `race_id` = NEW.`id` AND NEW.`coalition_id` <> OLD.`coalition_id`;
END;
