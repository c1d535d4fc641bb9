import { z } from "zod";
import { DIGEST_ZONES } from "./notifications";
import { NOTIFICATION_KINDS, NOTIFY_MODES, type NotificationKind, type NotifyMode } from "./vocabulary";

/** The inbox's settings form: one choice per kind of notification. */
export const preferencesForm = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.enum(NOTIFY_MODES, { error: "Choose email at once, daily digest or inbox only." })])) as Record<NotificationKind, z.ZodEnum<{ [M in NotifyMode]: M }>>,
);

/** The digest's hour and zone (the inbox's settings). */
export const digestTimeForm = z.object({
  digestHour: z.coerce.number({ error: "Choose an hour." }).int("Choose an hour.").min(0, "Choose an hour.").max(23, "Choose an hour."),
  digestZone: z.enum(DIGEST_ZONES, { error: "Choose a time zone from the list." }),
});
