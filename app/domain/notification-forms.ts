import { z } from "zod";
import { NOTIFICATION_KINDS, NOTIFY_MODES, type NotificationKind, type NotifyMode } from "./vocabulary";

/** The inbox's settings form: one choice per kind of notification. */
export const preferencesForm = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.enum(NOTIFY_MODES, { error: "Choose email at once, daily digest or inbox only." })])) as Record<NotificationKind, z.ZodEnum<{ [M in NotifyMode]: M }>>,
);
