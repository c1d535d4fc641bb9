CREATE TABLE `race_areas` (
	`race_id` integer NOT NULL,
	`state` text NOT NULL,
	`kind` text NOT NULL,
	`area_key` text NOT NULL,
	PRIMARY KEY(`race_id`, `kind`, `area_key`),
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `affiliate_coverage_unique`;--> statement-breakpoint
DROP INDEX `affiliate_coverage_area`;--> statement-breakpoint
ALTER TABLE `affiliate_coverage` ADD `locality` text;--> statement-breakpoint
ALTER TABLE `affiliate_coverage` ADD `area_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `affiliate_coverage_unique_key` ON `affiliate_coverage` (`affiliate_id`,`state`,`kind`,`area_key`);--> statement-breakpoint
CREATE INDEX `affiliate_coverage_area_key` ON `affiliate_coverage` (`state`,`kind`,`area_key`);--> statement-breakpoint
ALTER TABLE `coalitions` ADD `decider` text DEFAULT 'national' NOT NULL CHECK (`decider` in ('national', 'affiliate'));--> statement-breakpoint
ALTER TABLE `coalitions` ADD `ranked_max` integer CHECK (`ranked_max` is null or `ranked_max` between 2 and 10);--> statement-breakpoint
ALTER TABLE `current_stances` ADD `rank` integer;--> statement-breakpoint
ALTER TABLE `endorsement_events` ADD `rank` integer;--> statement-breakpoint
ALTER TABLE `turf_units` ADD `district_kind` text DEFAULT 'congressional' NOT NULL;--> statement-breakpoint
ALTER TABLE `turf_units` ADD `locality` text;--> statement-breakpoint
CREATE INDEX `current_stances_affiliate` ON `current_stances` (`affiliate_id`);--> statement-breakpoint

-- Issue 13 (who decides, coverage by level, ranked endorsements). Coverage gets its normalized
-- key (a county without its "County", lower case), races their areas, and the tallies count
-- the stance the table's setting says counts: the national partner's (`decider` national) or
-- its affiliate's whose coverage contains the race (`affiliate`), one per partner, and only an
-- unranked or rank-1 endorsement. Every trigger that counted is rebuilt on that one expression.
UPDATE `affiliate_coverage` SET `area_key` = CASE `kind` WHEN 'county' THEN CASE WHEN lower(trim(`value`)) LIKE '% county' THEN substr(lower(trim(`value`)), 1, length(trim(`value`)) - 7) ELSE lower(trim(`value`)) END ELSE `value` END;
--> statement-breakpoint
INSERT OR IGNORE INTO `race_areas` (`race_id`, `state`, `kind`, `area_key`)
SELECT r.`id`, r.`state`, 'statewide', '' FROM `races` r
UNION ALL SELECT r.`id`, r.`state`, 'district', r.`district` FROM `races` r WHERE r.`district` IS NOT NULL AND r.`chamber` IS NULL AND r.`locality` IS NULL
UNION ALL SELECT r.`id`, r.`state`, r.`chamber` || '_district', lower(r.`district`) FROM `races` r WHERE r.`chamber` IS NOT NULL AND r.`district` IS NOT NULL
UNION ALL SELECT r.`id`, r.`state`, 'city', lower(trim(r.`locality`)) FROM `races` r WHERE r.`locality_kind` = 'city' AND r.`locality` IS NOT NULL
UNION ALL SELECT r.`id`, r.`state`, 'ward', lower(trim(r.`locality`)) || '|' || lower(r.`district`) FROM `races` r WHERE r.`locality_kind` = 'city' AND r.`seat_kind` = 'ward' AND r.`locality` IS NOT NULL AND r.`district` IS NOT NULL
UNION ALL SELECT r.`id`, r.`state`, 'county', CASE WHEN lower(trim(r.`locality`)) LIKE '% county' THEN substr(lower(trim(r.`locality`)), 1, length(trim(r.`locality`)) - 7) ELSE lower(trim(r.`locality`)) END FROM `races` r WHERE r.`locality_kind` = 'county' AND r.`locality` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `races_areas_insert` AFTER INSERT ON `races`
BEGIN
  INSERT OR IGNORE INTO `race_areas` (`race_id`, `state`, `kind`, `area_key`)
SELECT NEW.`id`, NEW.`state`, 'statewide', ''
UNION ALL SELECT NEW.`id`, NEW.`state`, 'district', NEW.`district` WHERE NEW.`district` IS NOT NULL AND NEW.`chamber` IS NULL AND NEW.`locality` IS NULL
UNION ALL SELECT NEW.`id`, NEW.`state`, NEW.`chamber` || '_district', lower(NEW.`district`) WHERE NEW.`chamber` IS NOT NULL AND NEW.`district` IS NOT NULL
UNION ALL SELECT NEW.`id`, NEW.`state`, 'city', lower(trim(NEW.`locality`)) WHERE NEW.`locality_kind` = 'city' AND NEW.`locality` IS NOT NULL
UNION ALL SELECT NEW.`id`, NEW.`state`, 'ward', lower(trim(NEW.`locality`)) || '|' || lower(NEW.`district`) WHERE NEW.`locality_kind` = 'city' AND NEW.`seat_kind` = 'ward' AND NEW.`locality` IS NOT NULL AND NEW.`district` IS NOT NULL
UNION ALL SELECT NEW.`id`, NEW.`state`, 'county', CASE WHEN lower(trim(NEW.`locality`)) LIKE '% county' THEN substr(lower(trim(NEW.`locality`)), 1, length(trim(NEW.`locality`)) - 7) ELSE lower(trim(NEW.`locality`)) END WHERE NEW.`locality_kind` = 'county' AND NEW.`locality` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `races_areas_update` AFTER UPDATE OF `state`, `district`, `chamber`, `locality`, `locality_kind`, `seat_kind` ON `races`
BEGIN
  DELETE FROM `race_areas` WHERE `race_id` = NEW.`id`;
  INSERT OR IGNORE INTO `race_areas` (`race_id`, `state`, `kind`, `area_key`)
SELECT NEW.`id`, NEW.`state`, 'statewide', ''
UNION ALL SELECT NEW.`id`, NEW.`state`, 'district', NEW.`district` WHERE NEW.`district` IS NOT NULL AND NEW.`chamber` IS NULL AND NEW.`locality` IS NULL
UNION ALL SELECT NEW.`id`, NEW.`state`, NEW.`chamber` || '_district', lower(NEW.`district`) WHERE NEW.`chamber` IS NOT NULL AND NEW.`district` IS NOT NULL
UNION ALL SELECT NEW.`id`, NEW.`state`, 'city', lower(trim(NEW.`locality`)) WHERE NEW.`locality_kind` = 'city' AND NEW.`locality` IS NOT NULL
UNION ALL SELECT NEW.`id`, NEW.`state`, 'ward', lower(trim(NEW.`locality`)) || '|' || lower(NEW.`district`) WHERE NEW.`locality_kind` = 'city' AND NEW.`seat_kind` = 'ward' AND NEW.`locality` IS NOT NULL AND NEW.`district` IS NOT NULL
UNION ALL SELECT NEW.`id`, NEW.`state`, 'county', CASE WHEN lower(trim(NEW.`locality`)) LIKE '% county' THEN substr(lower(trim(NEW.`locality`)), 1, length(trim(NEW.`locality`)) - 7) ELSE lower(trim(NEW.`locality`)) END WHERE NEW.`locality_kind` = 'county' AND NEW.`locality` IS NOT NULL;
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(DISTINCT s.`partner_id`) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    JOIN `coalitions` co ON co.`id` = `candidate_tallies`.`coalition_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`stance` = 'endorsed' AND coalesce(s.`rank`, 1) = 1
      AND CASE WHEN co.`decider` = 'affiliate'
        THEN s.`holder_affiliate` <> 0 AND EXISTS (
          SELECT 1 FROM `race_areas` ra JOIN `affiliate_coverage` ac
            ON ac.`affiliate_id` = s.`affiliate_id` AND ac.`state` = ra.`state` AND ac.`kind` = ra.`kind` AND ac.`area_key` = ra.`area_key`
          WHERE ra.`race_id` = s.`race_id`)
        ELSE s.`holder_affiliate` = 0 END
  ) WHERE `race_id` = NEW.`id`;
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `race_id` = NEW.`id` AND `sort_count` <> -`endorsers`;
END;
--> statement-breakpoint
CREATE TRIGGER `affiliate_coverage_insert` AFTER INSERT ON `affiliate_coverage`
BEGIN
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(DISTINCT s.`partner_id`) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    JOIN `coalitions` co ON co.`id` = `candidate_tallies`.`coalition_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`stance` = 'endorsed' AND coalesce(s.`rank`, 1) = 1
      AND CASE WHEN co.`decider` = 'affiliate'
        THEN s.`holder_affiliate` <> 0 AND EXISTS (
          SELECT 1 FROM `race_areas` ra JOIN `affiliate_coverage` ac
            ON ac.`affiliate_id` = s.`affiliate_id` AND ac.`state` = ra.`state` AND ac.`kind` = ra.`kind` AND ac.`area_key` = ra.`area_key`
          WHERE ra.`race_id` = s.`race_id`)
        ELSE s.`holder_affiliate` = 0 END
  ) WHERE `candidate_id` IN (SELECT `candidate_id` FROM `current_stances` WHERE `affiliate_id` = NEW.`affiliate_id`);
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `candidate_id` IN (SELECT `candidate_id` FROM `current_stances` WHERE `affiliate_id` = NEW.`affiliate_id`) AND `sort_count` <> -`endorsers`;
END;
--> statement-breakpoint
CREATE TRIGGER `affiliate_coverage_delete` AFTER DELETE ON `affiliate_coverage`
BEGIN
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(DISTINCT s.`partner_id`) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    JOIN `coalitions` co ON co.`id` = `candidate_tallies`.`coalition_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`stance` = 'endorsed' AND coalesce(s.`rank`, 1) = 1
      AND CASE WHEN co.`decider` = 'affiliate'
        THEN s.`holder_affiliate` <> 0 AND EXISTS (
          SELECT 1 FROM `race_areas` ra JOIN `affiliate_coverage` ac
            ON ac.`affiliate_id` = s.`affiliate_id` AND ac.`state` = ra.`state` AND ac.`kind` = ra.`kind` AND ac.`area_key` = ra.`area_key`
          WHERE ra.`race_id` = s.`race_id`)
        ELSE s.`holder_affiliate` = 0 END
  ) WHERE `candidate_id` IN (SELECT `candidate_id` FROM `current_stances` WHERE `affiliate_id` = OLD.`affiliate_id`);
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `candidate_id` IN (SELECT `candidate_id` FROM `current_stances` WHERE `affiliate_id` = OLD.`affiliate_id`) AND `sort_count` <> -`endorsers`;
END;
--> statement-breakpoint
CREATE TRIGGER `coalitions_decider_update` AFTER UPDATE OF `decider` ON `coalitions`
BEGIN
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(DISTINCT s.`partner_id`) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    JOIN `coalitions` co ON co.`id` = `candidate_tallies`.`coalition_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`stance` = 'endorsed' AND coalesce(s.`rank`, 1) = 1
      AND CASE WHEN co.`decider` = 'affiliate'
        THEN s.`holder_affiliate` <> 0 AND EXISTS (
          SELECT 1 FROM `race_areas` ra JOIN `affiliate_coverage` ac
            ON ac.`affiliate_id` = s.`affiliate_id` AND ac.`state` = ra.`state` AND ac.`kind` = ra.`kind` AND ac.`area_key` = ra.`area_key`
          WHERE ra.`race_id` = s.`race_id`)
        ELSE s.`holder_affiliate` = 0 END
  ) WHERE `coalition_id` = NEW.`id`;
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `coalition_id` = NEW.`id` AND `sort_count` <> -`endorsers`;
END;
--> statement-breakpoint
DROP TRIGGER `endorsement_events_project`;
--> statement-breakpoint
CREATE TRIGGER `endorsement_events_project` AFTER INSERT ON `endorsement_events`
BEGIN
  UPDATE `endorsement_events` SET `coalition_id` = (
    SELECT r.`coalition_id` FROM `candidates` c JOIN `races` r ON r.`id` = c.`race_id` WHERE c.`id` = NEW.`candidate_id`
  ) WHERE `id` = NEW.`id` AND `coalition_id` IS NULL;
  INSERT INTO `current_stances` (`candidate_id`, `partner_id`, `holder_affiliate`, `affiliate_id`, `coalition_id`, `race_id`, `stance`, `rank`, `event_id`, `decided_on`)
  SELECT NEW.`candidate_id`, NEW.`partner_id`, coalesce(NEW.`affiliate_id`, 0), NEW.`affiliate_id`, r.`coalition_id`, c.`race_id`, NEW.`stance`, NEW.`rank`, NEW.`id`, NEW.`decided_on`
  FROM `candidates` c JOIN `races` r ON r.`id` = c.`race_id` WHERE c.`id` = NEW.`candidate_id`
  ON CONFLICT (`candidate_id`, `holder_affiliate`, `partner_id`) DO UPDATE SET
    `stance` = excluded.`stance`, `rank` = excluded.`rank`, `event_id` = excluded.`event_id`, `decided_on` = excluded.`decided_on`, `affiliate_id` = excluded.`affiliate_id`
  WHERE excluded.`event_id` > `current_stances`.`event_id`;
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(DISTINCT s.`partner_id`) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    JOIN `coalitions` co ON co.`id` = `candidate_tallies`.`coalition_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`stance` = 'endorsed' AND coalesce(s.`rank`, 1) = 1
      AND CASE WHEN co.`decider` = 'affiliate'
        THEN s.`holder_affiliate` <> 0 AND EXISTS (
          SELECT 1 FROM `race_areas` ra JOIN `affiliate_coverage` ac
            ON ac.`affiliate_id` = s.`affiliate_id` AND ac.`state` = ra.`state` AND ac.`kind` = ra.`kind` AND ac.`area_key` = ra.`area_key`
          WHERE ra.`race_id` = s.`race_id`)
        ELSE s.`holder_affiliate` = 0 END
  ), `affiliate_endorsements` = (
    SELECT count(*) FROM `current_stances` s
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` <> 0 AND s.`stance` = 'endorsed'
  )
  WHERE `candidate_id` = NEW.`candidate_id`;
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `candidate_id` = NEW.`candidate_id`;
  INSERT INTO `endorsement_days` (`coalition_id`, `decided_on`, `delta`)
  SELECT r.`coalition_id`, NEW.`decided_on`, (NEW.`stance` = 'endorsed') - (coalesce(NEW.`from_stance`, '') = 'endorsed')
  FROM `candidates` c JOIN `races` r ON r.`id` = c.`race_id` WHERE c.`id` = NEW.`candidate_id` AND NEW.`affiliate_id` IS NULL
  ON CONFLICT (`coalition_id`, `decided_on`) DO UPDATE SET `delta` = `delta` + excluded.`delta`;
END;
--> statement-breakpoint
DROP TRIGGER `current_stances_removed`;
--> statement-breakpoint
CREATE TRIGGER `current_stances_removed` AFTER DELETE ON `current_stances`
BEGIN
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(DISTINCT s.`partner_id`) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    JOIN `coalitions` co ON co.`id` = `candidate_tallies`.`coalition_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`stance` = 'endorsed' AND coalesce(s.`rank`, 1) = 1
      AND CASE WHEN co.`decider` = 'affiliate'
        THEN s.`holder_affiliate` <> 0 AND EXISTS (
          SELECT 1 FROM `race_areas` ra JOIN `affiliate_coverage` ac
            ON ac.`affiliate_id` = s.`affiliate_id` AND ac.`state` = ra.`state` AND ac.`kind` = ra.`kind` AND ac.`area_key` = ra.`area_key`
          WHERE ra.`race_id` = s.`race_id`)
        ELSE s.`holder_affiliate` = 0 END
  ), `affiliate_endorsements` = (
    SELECT count(*) FROM `current_stances` s
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`holder_affiliate` <> 0 AND s.`stance` = 'endorsed'
  )
  WHERE `candidate_id` = OLD.`candidate_id`;
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `candidate_id` = OLD.`candidate_id`;
END;
--> statement-breakpoint
DROP TRIGGER `coalition_partners_seated`;
--> statement-breakpoint
CREATE TRIGGER `coalition_partners_seated` AFTER INSERT ON `coalition_partners`
BEGIN
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(DISTINCT s.`partner_id`) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    JOIN `coalitions` co ON co.`id` = `candidate_tallies`.`coalition_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`stance` = 'endorsed' AND coalesce(s.`rank`, 1) = 1
      AND CASE WHEN co.`decider` = 'affiliate'
        THEN s.`holder_affiliate` <> 0 AND EXISTS (
          SELECT 1 FROM `race_areas` ra JOIN `affiliate_coverage` ac
            ON ac.`affiliate_id` = s.`affiliate_id` AND ac.`state` = ra.`state` AND ac.`kind` = ra.`kind` AND ac.`area_key` = ra.`area_key`
          WHERE ra.`race_id` = s.`race_id`)
        ELSE s.`holder_affiliate` = 0 END
  ) WHERE `coalition_id` = NEW.`coalition_id` AND `candidate_id` IN (SELECT `candidate_id` FROM `current_stances` WHERE `coalition_id` = NEW.`coalition_id` AND `partner_id` = NEW.`partner_id`);
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `coalition_id` = NEW.`coalition_id` AND `candidate_id` IN (SELECT `candidate_id` FROM `current_stances` WHERE `coalition_id` = NEW.`coalition_id` AND `partner_id` = NEW.`partner_id`) AND `sort_count` <> -`endorsers`;
END;
--> statement-breakpoint
DROP TRIGGER `coalition_partners_unseated`;
--> statement-breakpoint
CREATE TRIGGER `coalition_partners_unseated` AFTER DELETE ON `coalition_partners`
BEGIN
  UPDATE `candidate_tallies` SET `endorsers` = (
    SELECT count(DISTINCT s.`partner_id`) FROM `current_stances` s
    JOIN `coalition_partners` cp ON cp.`coalition_id` = `candidate_tallies`.`coalition_id` AND cp.`partner_id` = s.`partner_id`
    JOIN `coalitions` co ON co.`id` = `candidate_tallies`.`coalition_id`
    WHERE s.`candidate_id` = `candidate_tallies`.`candidate_id` AND s.`stance` = 'endorsed' AND coalesce(s.`rank`, 1) = 1
      AND CASE WHEN co.`decider` = 'affiliate'
        THEN s.`holder_affiliate` <> 0 AND EXISTS (
          SELECT 1 FROM `race_areas` ra JOIN `affiliate_coverage` ac
            ON ac.`affiliate_id` = s.`affiliate_id` AND ac.`state` = ra.`state` AND ac.`kind` = ra.`kind` AND ac.`area_key` = ra.`area_key`
          WHERE ra.`race_id` = s.`race_id`)
        ELSE s.`holder_affiliate` = 0 END
  ) WHERE `coalition_id` = OLD.`coalition_id` AND `candidate_id` IN (SELECT `candidate_id` FROM `current_stances` WHERE `coalition_id` = OLD.`coalition_id` AND `partner_id` = OLD.`partner_id`);
  UPDATE `candidate_tallies` SET `sort_count` = -`endorsers` WHERE `coalition_id` = OLD.`coalition_id` AND `candidate_id` IN (SELECT `candidate_id` FROM `current_stances` WHERE `coalition_id` = OLD.`coalition_id` AND `partner_id` = OLD.`partner_id`) AND `sort_count` <> -`endorsers`;
END;
