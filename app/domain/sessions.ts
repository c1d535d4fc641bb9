/** A session ends after this many days without a request (checked on the server; the cookie lasts as long). */
export const SESSION_IDLE_DAYS = 14;
