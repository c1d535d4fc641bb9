CREATE TABLE `lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` integer NOT NULL,
	`race_id` integer NOT NULL,
	`candidate_id` integer,
	`scope` text NOT NULL,
	`cycle` integer NOT NULL,
	`place_key` text NOT NULL,
	`body` text NOT NULL,
	`source_kind` text NOT NULL,
	`source_url` text,
	`captured_at` text,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	`removed_at` text,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lessons_coalition_race` ON `lessons` (`coalition_id`,`race_id`);--> statement-breakpoint
CREATE INDEX `lessons_place` ON `lessons` (`place_key`,`cycle`);--> statement-breakpoint
CREATE INDEX `lessons_candidate` ON `lessons` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `race_review_refreshes` (
	`race_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `race_reviews` (
	`race_id` integer PRIMARY KEY NOT NULL,
	`coalition_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`sub_id` integer,
	`endorsers` integer NOT NULL,
	`formed_at` text,
	`election` text NOT NULL,
	`election_day` text NOT NULL,
	`outcome` text NOT NULL,
	`votes` integer NOT NULL,
	`total_votes` integer NOT NULL,
	`runner_up` integer NOT NULL,
	`hours_delivered` real NOT NULL,
	`days_from_critical_mass` integer,
	`margin` real,
	`succeeded` integer NOT NULL,
	FOREIGN KEY (`race_id`) REFERENCES `races`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `race_reviews_page` ON `race_reviews` (`coalition_id`,`election_day`,`race_id`);--> statement-breakpoint
CREATE INDEX `race_reviews_chart` ON `race_reviews` (`coalition_id`,`sub_id`,`succeeded`,`margin`,`days_from_critical_mass`,`endorsers`,`hours_delivered`);--> statement-breakpoint
CREATE TABLE `person_names` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_names_lower` ON `person_names` (lower("name"),`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `person_names_unique` ON `person_names` (`person_id`,lower("name"));--> statement-breakpoint
-- The cycle review's projection (issue 16), kept by the database in the transaction of each
-- write it reads. Every source trigger names the race to recompute in race_review_refreshes;
-- the one trigger on that table recomputes the race's row (the candidate the table backed
-- most, at the last election it has a result in) and empties the queue. No CTEs: SQLite
-- does not allow them in triggers.
CREATE TRIGGER `race_review_refresh` AFTER INSERT ON `race_review_refreshes`
BEGIN
  DELETE FROM `race_reviews` WHERE `race_id` = NEW.`race_id`;
  INSERT INTO `race_reviews` (`race_id`, `coalition_id`, `candidate_id`, `sub_id`, `endorsers`, `formed_at`, `election`, `election_day`, `outcome`, `votes`, `total_votes`, `runner_up`, `hours_delivered`, `days_from_critical_mass`, `margin`, `succeeded`)
  SELECT x.race_id, x.coalition_id, x.candidate_id, x.sub_id, x.endorsers, x.formed_at, x.election, x.day, x.outcome, x.votes, x.total, x.runner_up,
    coalesce((SELECT sum((julianday(sh.`ends_at`) - julianday(sh.`starts_at`)) * 24) FROM `canvass_programs` p JOIN `shifts` sh ON sh.`program_id` = p.`id` AND sh.`cancelled_at` IS NULL
      JOIN `signups` g ON g.`shift_id` = sh.`id` AND g.`cancelled_at` IS NULL AND g.`attended` = 1 WHERE p.`sub_coalition_id` = x.sub_id), 0),
    CASE WHEN x.formed_at IS NULL THEN NULL ELSE CAST(round(julianday(x.day) - julianday(substr(x.formed_at, 1, 10))) AS INTEGER) END,
    CASE WHEN x.total > 0 THEN (x.votes - x.runner_up) * 100.0 / x.total END,
    x.outcome IN ('won', 'advanced_general', 'advanced_runoff')
  FROM (
    SELECT b.race_id, ra.`coalition_id` AS coalition_id, b.candidate_id, b.sub_id, b.endorsers, b.formed_at, l.election, l.day, l.outcome, l.votes,
      (SELECT coalesce(sum(o.`votes`), 0) FROM `election_results` o WHERE o.`race_id` = l.race_id AND o.`election` = l.election) AS total,
      coalesce((SELECT max(o.`votes`) FROM `election_results` o WHERE o.`race_id` = l.race_id AND o.`election` = l.election AND o.`candidate_id` <> l.candidate_id), 0) AS runner_up
    FROM (
      SELECT c.race_id, c.candidate_id, coalesce(t.`endorsers`, 0) AS endorsers, s.`id` AS sub_id, s.`formed_at` AS formed_at
      FROM (SELECT DISTINCT `race_id`, `candidate_id` FROM `election_results` WHERE `race_id` = NEW.`race_id`) c
      LEFT JOIN `candidate_tallies` t ON t.`candidate_id` = c.candidate_id LEFT JOIN `sub_coalitions` s ON s.`candidate_id` = c.candidate_id
      ORDER BY coalesce(t.`endorsers`, 0) DESC, s.`id` IS NULL, c.candidate_id LIMIT 1
    ) b
    JOIN (
      SELECT er.`race_id` AS race_id, er.`candidate_id` AS candidate_id, er.`election` AS election, er.`votes` AS votes, er.`outcome` AS outcome,
        CASE er.`election` WHEN 'primary' THEN r.`primary_date` WHEN 'runoff' THEN r.`runoff_date` WHEN 'special' THEN r.`special_date` ELSE r.`general_date` END AS day
      FROM `election_results` er JOIN `races` r ON r.`id` = er.`race_id` WHERE er.`race_id` = NEW.`race_id`
    ) l ON l.candidate_id = b.candidate_id
    JOIN `races` ra ON ra.`id` = b.race_id
    ORDER BY l.day DESC LIMIT 1
  ) x;
  DELETE FROM `race_review_refreshes` WHERE `race_id` = NEW.`race_id`;
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_results_insert` AFTER INSERT ON `election_results`
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) VALUES (NEW.`race_id`);
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_results_update` AFTER UPDATE ON `election_results`
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) VALUES (NEW.`race_id`);
  INSERT INTO `race_review_refreshes` (`race_id`) SELECT OLD.`race_id` WHERE OLD.`race_id` <> NEW.`race_id`;
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_results_delete` AFTER DELETE ON `election_results`
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) VALUES (OLD.`race_id`);
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_tally` AFTER UPDATE OF `endorsers` ON `candidate_tallies`
WHEN NEW.`endorsers` <> OLD.`endorsers` AND EXISTS (SELECT 1 FROM `race_reviews` WHERE `race_id` = NEW.`race_id`)
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) VALUES (NEW.`race_id`);
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_sub_insert` AFTER INSERT ON `sub_coalitions`
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) SELECT c.`race_id` FROM `candidates` c JOIN `race_reviews` rr ON rr.`race_id` = c.`race_id` WHERE c.`id` = NEW.`candidate_id`;
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_sub_delete` AFTER DELETE ON `sub_coalitions`
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) SELECT c.`race_id` FROM `candidates` c JOIN `race_reviews` rr ON rr.`race_id` = c.`race_id` WHERE c.`id` = OLD.`candidate_id`;
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_races` AFTER UPDATE OF `primary_date`, `runoff_date`, `special_date`, `general_date` ON `races`
WHEN EXISTS (SELECT 1 FROM `race_reviews` WHERE `race_id` = NEW.`id`)
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) VALUES (NEW.`id`);
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_shifts` AFTER UPDATE OF `cancelled_at`, `starts_at`, `ends_at` ON `shifts`
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) SELECT rr.`race_id` FROM `canvass_programs` p JOIN `sub_coalitions` s ON s.`id` = p.`sub_coalition_id`
    JOIN `candidates` c ON c.`id` = s.`candidate_id` JOIN `race_reviews` rr ON rr.`race_id` = c.`race_id` AND rr.`sub_id` = s.`id` WHERE p.`id` = NEW.`program_id`;
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_signups_update` AFTER UPDATE OF `attended`, `cancelled_at` ON `signups`
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) SELECT rr.`race_id` FROM `shifts` sh JOIN `canvass_programs` p ON p.`id` = sh.`program_id` JOIN `sub_coalitions` s ON s.`id` = p.`sub_coalition_id`
    JOIN `candidates` c ON c.`id` = s.`candidate_id` JOIN `race_reviews` rr ON rr.`race_id` = c.`race_id` AND rr.`sub_id` = s.`id` WHERE sh.`id` = NEW.`shift_id`;
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_signups_insert` AFTER INSERT ON `signups` WHEN NEW.`attended` = 1
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) SELECT rr.`race_id` FROM `shifts` sh JOIN `canvass_programs` p ON p.`id` = sh.`program_id` JOIN `sub_coalitions` s ON s.`id` = p.`sub_coalition_id`
    JOIN `candidates` c ON c.`id` = s.`candidate_id` JOIN `race_reviews` rr ON rr.`race_id` = c.`race_id` AND rr.`sub_id` = s.`id` WHERE sh.`id` = NEW.`shift_id`;
END;--> statement-breakpoint
CREATE TRIGGER `race_reviews_signups_delete` AFTER DELETE ON `signups` WHEN OLD.`attended` = 1
BEGIN
  INSERT INTO `race_review_refreshes` (`race_id`) SELECT rr.`race_id` FROM `shifts` sh JOIN `canvass_programs` p ON p.`id` = sh.`program_id` JOIN `sub_coalitions` s ON s.`id` = p.`sub_coalition_id`
    JOIN `candidates` c ON c.`id` = s.`candidate_id` JOIN `race_reviews` rr ON rr.`race_id` = c.`race_id` AND rr.`sub_id` = s.`id` WHERE sh.`id` = OLD.`shift_id`;
END;--> statement-breakpoint
-- the rows of the races that already have results
INSERT INTO `race_review_refreshes` (`race_id`) SELECT DISTINCT `race_id` FROM `election_results`;
